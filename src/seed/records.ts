import { readFileSync } from 'node:fs';
import { z } from 'zod';
import * as catalog from '../catalog/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import { fixedClock } from '../platform/clock.js';
import type { ServiceDeps } from '../platform/context.js';
import type { RecordRow } from '../platform/db/schema.js';

const demoRecordSchema = z.object({
  key: z.string(),
  agencyCode: z.string(),
  issuers: z.array(z.string()),
  title: z.string(),
  docNumber: z.string(),
  writtenOn: z.string(),
  formedOn: z.string(),
  publishedOn: z.string(),
  topic: z.string(),
  genre: z.string(),
  category: z.string(),
  statutoryItem: z.number().int().nullable(),
  mode: z.string(),
  ground: z.string().nullable(),
  groundReason: z.string().nullable(),
  validity: z.string(),
  replacedBy: z.string().nullable(),
  keywords: z.array(z.string()),
  bodyHtml: z.string(),
  needsInterpretation: z.boolean(),
  interprets: z.string().nullable(),
  interpretationKind: z.string().nullable(),
  videoUrl: z.string().nullable(),
  revisions: z.array(z.object({ on: z.string(), reason: z.string(), title: z.string().optional(), bodyHtml: z.string() })).default([]),
  withdrawn: z.object({ on: z.string(), reason: z.string() }).nullable(),
});
type DemoRecord = z.infer<typeof demoRecordSchema>;

const SYSTEM = { actor: { ...SYSTEM_ACTOR, login: 'seed' }, staff: null };

/** Seed work happens "on" the record's own dates, so 发布日期 and version dates are realistic. */
function on(deps: ServiceDeps, day: string): ServiceDeps {
  return { ...deps, clock: fixedClock(`${day}T02:00:00.000Z`) };
}

function input(r: DemoRecord, indexOf: ReadonlyMap<string, string>, extra: Record<string, unknown> = {}) {
  return {
    title: r.title,
    docNumber: r.docNumber,
    issuers: r.issuers,
    writtenOn: r.writtenOn,
    formedOn: r.formedOn,
    topic: r.topic,
    genre: r.genre,
    category: r.category,
    statutoryItem: r.statutoryItem,
    mode: r.mode,
    ground: r.ground,
    groundReason: r.groundReason ?? '',
    // Created valid; a later revision records that a newer document replaced it.
    validity: '有效',
    keywords: r.keywords,
    bodyHtml: r.bodyHtml,
    needsInterpretation: r.needsInterpretation,
    interprets: r.interprets ? (indexOf.get(r.interprets) ?? '') : '',
    interpretationKind: r.interpretationKind,
    videoUrl: r.videoUrl ?? '',
    ...extra,
  };
}

/**
 * Loads data/demo/records.json through the real workflow (draft → submit → approve → publish,
 * revisions, withdrawal), each step on its own date. Returns the number of records created.
 */
export async function seedDemoRecords(deps: ServiceDeps, file = new URL('../../data/demo/records.json', import.meta.url)): Promise<number> {
  const records = z.array(demoRecordSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
  const ordered = [...records].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || Number(a.genre === '解读') - Number(b.genre === '解读'));
  const indexOf = new Map<string, string>();
  const rowOf = new Map<string, RecordRow>();
  const waitingPolicies: DemoRecord[] = [];

  for (const r of ordered) {
    const d = on(deps, r.publishedOn);
    const draft = await catalog.createDraft(d, SYSTEM, r.agencyCode, input(r, indexOf));
    indexOf.set(r.key, draft.indexNumber);
    rowOf.set(r.key, draft);
    await catalog.submitForReview(d, SYSTEM, draft.id);
    if (r.needsInterpretation) {
      waitingPolicies.push(r); // approved once its interpretation is ready (同步发布)
      continue;
    }
    await catalog.approve(d, SYSTEM, draft.id, { confirmGround: r.mode !== '主动公开', overrideReason: '演示数据，已人工核对。' });
    const policy = r.interprets ? waitingPolicies.find((p) => p.key === r.interprets) : undefined;
    if (policy) {
      await catalog.approve(on(deps, policy.publishedOn), SYSTEM, rowOf.get(policy.key)!.id, { overrideReason: '演示数据，已人工核对。' });
      waitingPolicies.splice(waitingPolicies.indexOf(policy), 1);
    }
  }

  for (const r of ordered) {
    const id = rowOf.get(r.key)!.id;
    for (const rev of r.revisions) {
      await catalog.revise(on(deps, rev.on), SYSTEM, id, input(r, indexOf, { title: rev.title ?? r.title, bodyHtml: rev.bodyHtml }), rev.reason, '演示数据，已人工核对。');
    }
    if (r.validity !== '有效') {
      const newer = r.replacedBy ? records.find((x) => x.key === r.replacedBy) : undefined;
      const latest = r.revisions.at(-1);
      const current = { title: latest?.title ?? r.title, bodyHtml: latest?.bodyHtml ?? r.bodyHtml };
      const day = newer?.publishedOn ?? r.withdrawn?.on ?? latest?.on ?? r.publishedOn;
      const reason = newer ? `因《${newer.title}》施行，本文件${r.validity}` : `本文件已${r.validity}`;
      await catalog.revise(on(deps, day), SYSTEM, id, input(r, indexOf, { ...current, validity: r.validity, replacedBy: r.replacedBy ? indexOf.get(r.replacedBy) : '' }), reason, '演示数据，已人工核对。');
    }
    if (r.withdrawn) await catalog.withdraw(on(deps, r.withdrawn.on), SYSTEM, id, r.withdrawn.reason);
  }
  return records.length;
}
