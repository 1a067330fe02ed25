/**
 * Settings of 监督保障 that no source fixes (regulations.md §1.6 names the duties, not the periods),
 * kept in app settings so each government can set its own rules. Read by consultations, messages,
 * notifications and the assessment; edited on /staff/supervision/settings (system admins).
 */
import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { getSetting, putSetting } from '../platform/settings/store.js';

export const supervisionSettingsSchema = z.object({
  // 意见征集 window in calendar days. UNCONFIRMED here; 《重大行政决策程序暂行条例》第十四条 says
  // "一般不少于30日" for major decisions, so 30 is the default floor.
  consultationMinDays: z.coerce.number().int().min(1).max(365).default(30),
  // Working days to answer a message or complaint. No national figure; many local rules use 10.
  messageAnswerWorkingDays: z.coerce.number().int().min(1).max(60).default(10),
  // Working days before a deadline from which the digest lists a matter as "due soon".
  dueSoonWorkingDays: z.coerce.number().int().min(0).max(20).default(3),
  // Whether notification digests are e-mailed (SMTP settings come from the environment).
  emailDigests: z.preprocess((v) => (v === undefined ? true : v === true || v === '1' || v === 'true' || v === 'on'), z.boolean()),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

const KEY = 'supervision.settings';

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = Object.freeze(supervisionSettingsSchema.parse({}));

/** The stored settings; a missing or unreadable value falls back to the defaults field by field. */
export async function supervisionSettings(db: Executor): Promise<SupervisionSettings> {
  const raw = await getSetting(db, KEY);
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const out: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(supervisionSettingsSchema.shape)) {
    const one = schema.safeParse(stored[field]);
    out[field] = one.success ? one.data : DEFAULT_SUPERVISION_SETTINGS[field as keyof SupervisionSettings];
  }
  return supervisionSettingsSchema.parse(out);
}

/** Validates and stores; throws a ZodError on bad values (the caller turns it into a 400). */
export async function saveSupervisionSettings(db: Executor, input: unknown): Promise<SupervisionSettings> {
  const settings = supervisionSettingsSchema.parse(input);
  await putSetting(db, KEY, JSON.stringify(settings));
  return settings;
}
