import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { errors } from '../errors.js';

/** Small key/value settings kept in the database, so every web process sees the same values. */
export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('appSetting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('appSetting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The first process to start creates the secret; every later one reads the same value. */
export async function ensureAppSecret(db: Executor): Promise<string> {
  await db
    .insertInto('appSetting')
    .values({ key: 'app_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const secret = await getSetting(db, 'app_secret');
  if (!secret) throw new Error('app_secret missing after insert');
  return secret;
}

/** Site identity shown in every page's header and footer (47号 政府网站发展指引: 主办, 标识码, 备案). */
export const siteInfoSchema = z.object({
  siteName: z.string().min(1).max(80).default('政务公开平台'),
  shortName: z.string().min(1).max(30).default('政务公开'),
  governmentCode: z.string().max(40).default(''),
  host: z.string().max(100).default(''),
  organizer: z.string().max(100).default(''),
  siteCode: z.string().max(20).default(''),
  icp: z.string().max(60).default(''),
  psb: z.string().max(60).default(''),
  contact: z.string().max(200).default(''),
  address: z.string().max(200).default(''),
});
export type SiteInfo = z.infer<typeof siteInfoSchema>;
/** What an admin submits: the names are required (reading falls back to defaults, writing does not). */
const siteInfoInputSchema = siteInfoSchema.extend({
  siteName: z.string().trim().min(1, '请填写网站名称 / site name is required').max(80),
  shortName: z.string().trim().min(1, '请填写简称 / short name is required').max(30),
});
export const DEFAULT_SITE_INFO: SiteInfo = Object.freeze(siteInfoSchema.parse({}));

export async function getSiteInfo(db: Executor): Promise<SiteInfo> {
  const raw = await getSetting(db, 'site');
  return siteInfoSchema.parse(raw ? JSON.parse(raw) : {});
}

export async function putSiteInfo(db: Executor, info: unknown): Promise<SiteInfo> {
  const parsed = siteInfoInputSchema.safeParse(info);
  if (!parsed.success) throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const site = parsed.data;
  await putSetting(db, 'site', JSON.stringify(site));
  return site;
}

/** A cheap round trip to the database for /healthz. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.selectFrom('appSetting').select('key').limit(1).execute();
}
