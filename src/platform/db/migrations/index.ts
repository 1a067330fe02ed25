import type { Migration } from 'kysely';
import { foundation } from './2026-11-26-01-foundation.js';
import { catalogue } from './2026-11-26-02-catalogue.js';
import { help } from './2026-11-26-03-help.js';
import { search } from './2026-11-26-04-search.js';
import { requests } from './2026-11-26-05-requests.js';
import { reports } from './2026-11-26-06-reports.js';
import { services } from './2026-11-26-07-services.js';
import { serviceSearch } from './2026-11-26-08-service-search.js';
import { inspection } from './2026-11-26-09-inspection.js';
import { supervision } from './2026-11-26-10-supervision.js';
import type { MigrationEngine } from './helpers.js';

/**
 * Every migration, in order. Names start with an ISO date; a new change is a new entry, never an
 * edit of an old one. Listed statically so the compiled build needs no directory scanning.
 */
export function allMigrations(engine: MigrationEngine): Record<string, Migration> {
  return {
    '2026-11-26-01-foundation': foundation(engine),
    '2026-11-26-02-catalogue': catalogue(engine),
    '2026-11-26-03-help': help(),
    '2026-11-26-04-search': search(engine),
    '2026-11-26-05-requests': requests(engine),
    '2026-11-26-06-reports': reports(engine),
    '2026-11-26-07-services': services(engine),
    '2026-11-26-08-service-search': serviceSearch(),
    '2026-11-26-09-inspection': inspection(engine),
    '2026-11-26-10-supervision': supervision(engine),
  };
}
