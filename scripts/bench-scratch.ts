// A throw-away database for a benchmark run: a SQLite file in a temporary directory, or a
// PostgreSQL database created next to the one DATABASE_URL names; `drop()` removes either.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Engine } from '../src/platform/db/database.js';

export async function scratchDatabase(engine: Engine, opts: { dir: string; pgUrl: string | undefined; name: string }): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(opts.dir, `${opts.name}-`));
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!opts.pgUrl) throw new Error('PostgreSQL benchmarks need DATABASE_URL=postgres://…');
  const name = `${opts.name.replace(/-/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: opts.pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(opts.pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: opts.pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
