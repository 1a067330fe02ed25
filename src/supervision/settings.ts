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
  // Beijing hour from which the day's e-mail digest goes out (on working days only), so it arrives
  // when staff start work rather than at midnight.
  digestHour: z.coerce.number().int().min(0).max(23).default(8),
  emailDigests: z.preprocess((v) => (v === undefined ? true : v === true || v === '1' || v === 'true' || v === 'on'), z.boolean()),
  // 政策解读同步率 (工作考核): working days after a policy within which its interpretation counts as
  // published with it. UNCONFIRMED: 国办发〔2016〕80号 asks for 同步起草、同步审签、同步发布 and names no lag.
  interpretationLagWorkingDays: z.coerce.number().int().min(0).max(30).default(3),
  // 工作考核 weights per indicator (assessment/model.ts DEFAULT_WEIGHTS): each 0–100, at least one above 0.
  // Relative: the score divides by the sum of the applicable weights. serviceItems came later: a
  // stored object without it loads with its default 5.
  assessmentWeights: z
    .object({
      disclosure: z.coerce.number().int().min(0).max(100),
      requests: z.coerce.number().int().min(0).max(100),
      interpretation: z.coerce.number().int().min(0).max(100),
      website: z.coerce.number().int().min(0).max(100),
      messages: z.coerce.number().int().min(0).max(100),
      evaluation: z.coerce.number().int().min(0).max(100),
      services: z.coerce.number().int().min(0).max(100),
      serviceItems: z.coerce.number().int().min(0).max(100).default(5),
    })
    .refine((w) => Object.values(w).some((v) => v > 0), { message: '至少一项指标的权重须大于0 / at least one weight must be above 0' })
    .default({ disclosure: 20, requests: 20, interpretation: 10, website: 15, messages: 15, evaluation: 10, services: 10, serviceItems: 5 }),
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
