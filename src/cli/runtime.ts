import { systemClock } from '../platform/clock.js';
import { loadConfig, type AppConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { migrateOrThrow } from '../platform/db/migrate.js';

/** Opens the configured database, brings its schema up to date and returns the app context. */
export async function openRuntime(env: Record<string, string | undefined> = process.env): Promise<{
  ctx: AppContext;
  handle: DatabaseHandle;
  applied: string[];
}> {
  const config: AppConfig = loadConfig(env);
  const handle = openDatabase(config.database);
  try {
    const applied = await migrateOrThrow(handle);
    return { ctx: { config, db: handle.db, engine: handle.engine, clock: systemClock }, handle, applied };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
