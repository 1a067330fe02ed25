import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { Db, Engine } from './db/database.js';

/** Side effects every service needs, passed in so tests can use a real database and a fixed clock. */
export interface ServiceDeps {
  readonly db: Db;
  readonly engine: Engine;
  readonly clock: Clock;
}

export interface AppContext extends ServiceDeps {
  readonly config: AppConfig;
}
