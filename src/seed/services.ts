/**
 * Demo 便民服务 content (data/demo/services.json): service items with the history of the city's
 * list (its first publication and two clean-up rounds), and 双公示 decisions — each written through
 * the real service on its own date, so the 清理 page and the publication-delay flags are computed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { fixedClock } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import { changeSchema } from '../services/model.js';
import { addResult, saveItem } from '../services/service.js';

const FILE = new URL('../../data/demo/services.json', import.meta.url);
const demoSchema = z.object({
  items: z.array(z.looseObject({ code: z.string(), history: z.array(changeSchema).min(1) })),
  results: z.array(z.looseObject({ publishedOn: z.string() })),
});

export async function seedDemoServices(deps: ServiceDeps): Promise<{ items: number; results: number }> {
  if (!existsSync(FILE)) return { items: 0, results: 0 };
  const demo = demoSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')));
  const by = { actor: { ...SYSTEM_ACTOR, login: 'seed' } };
  const on = (day: string): ServiceDeps => ({ ...deps, clock: fixedClock(`${day}T02:00:00.000Z`) });
  for (const { history, ...guide } of demo.items) {
    for (const change of history) await saveItem(on(change.on), by, guide, change);
  }
  for (const result of demo.results) await addResult(on(result.publishedOn), by, result);
  return { items: demo.items.length, results: demo.results.length };
}
