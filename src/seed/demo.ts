import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createAgency, countAgencies, findAgencyByCode } from '../agencies/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import type { Role } from '../platform/auth/model.js';
import { createUser } from '../platform/auth/service.js';
import type { ServiceDeps } from '../platform/context.js';
import { putSiteInfo } from '../platform/settings/store.js';
import { seedDemoRecords } from './records.js';
import { seedDemoInspection } from './inspection.js';
import { seedDemoRequests } from './requests.js';
import { seedDemoServices } from './services.js';
import { seedDemoSupervision, type SupervisionSeedResult } from './supervision.js';
import { seedHelpPages } from '../help/service.js';

const DEMO_DIR = new URL('../../data/demo/', import.meta.url);

const demoAgencySchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  level: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  creditCode: z.string(),
  guide: z.record(z.string(), z.string()),
});

/** One demo account per role, spread over the city, a department and a district. */
export const DEMO_ACCOUNTS: readonly { login: string; displayName: string; agencyCode: string; roles: Role[] }[] = [
  { login: 'admin', displayName: '系统管理员', agencyCode: 'ljs', roles: ['system_admin'] },
  { login: 'wangxm', displayName: '王晓梅', agencyCode: 'ljs-jyj', roles: ['editor'] },
  { login: 'lijg', displayName: '李建国', agencyCode: 'ljs-jyj', roles: ['reviewer'] },
  { login: 'chensy', displayName: '陈思远', agencyCode: 'ljs', roles: ['request_officer'] },
  // Head of the city's disclosure office: approves extensions (条例 第三十三条第二款).
  { login: 'zhoumin', displayName: '周敏', agencyCode: 'ljs', roles: ['agency_admin'] },
  { login: 'liufang', displayName: '刘芳', agencyCode: 'ljs-hxq', roles: ['agency_admin'] },
  { login: 'zhaozq', displayName: '赵志强', agencyCode: 'ljs', roles: ['supervisor'] },
  // The district's own supervisor sees only 湖西区 and below; the people's congress liaison
  // (oversight, read-only) sees the whole city's supervision figures.
  { login: 'heyu', displayName: '何雨', agencyCode: 'ljs-hxq', roles: ['supervisor'] },
  { login: 'qianlh', displayName: '钱丽华', agencyCode: 'ljs', roles: ['oversight'] },
  // The city's website inspector works for the government office, the competent unit for the
  // websites of the city and below it (国办发〔2017〕47号《政府网站发展指引》), so the scope covers them.
  { login: 'sunlx', displayName: '孙立新', agencyCode: 'ljs', roles: ['inspector'] },
];

/** A random password that satisfies the staff password rules (upper, lower, digits, symbol). */
export function generatePassword(): string {
  return `Gk-${randomBytes(9).toString('base64url')}7a`;
}

export interface DemoSeedResult {
  readonly seeded: boolean;
  readonly agencies: number;
  readonly records: number;
  readonly requests: number;
  readonly serviceItems: number;
  readonly results: number;
  /** 政府网站检查: registered sites (each with its stored inspections) */
  readonly inspectionSites: number;
  /** 监督保障: consultations, messages, ratings and accountability cases */
  readonly supervision?: SupervisionSeedResult;
  readonly accounts: readonly { login: string; roles: readonly Role[] }[];
  /** Shown once; only its hash is stored. */
  readonly password?: string;
}

/** Seeds the demo city once: nothing happens when agencies already exist. Every write is audited. */
export async function seedDemo(deps: ServiceDeps, options: { password?: string } = {}): Promise<DemoSeedResult> {
  if ((await countAgencies(deps.db)) > 0) return { seeded: false, agencies: 0, records: 0, requests: 0, serviceItems: 0, results: 0, inspectionSites: 0, accounts: [] };
  await putSiteInfo(deps.db, JSON.parse(readFileSync(new URL('site.json', DEMO_DIR), 'utf8')));
  const agencies = z.array(demoAgencySchema).parse(JSON.parse(readFileSync(new URL('agencies.json', DEMO_DIR), 'utf8')));
  const by = { actor: SYSTEM_ACTOR, staff: null };
  for (const a of agencies) {
    await createAgency(deps, by, { code: a.code, name: a.name, shortName: a.shortName, level: a.level, kind: a.kind, parentCode: a.parentCode, creditCode: a.creditCode, ...a.guide });
  }
  const password = options.password ?? generatePassword();
  for (const account of DEMO_ACCOUNTS) {
    const agency = await findAgencyByCode(deps.db, account.agencyCode);
    if (!agency) throw new Error(`demo agency ${account.agencyCode} missing`);
    await createUser(deps, by, { login: account.login, displayName: account.displayName, agencyId: agency.id, roles: account.roles, password });
  }
  await seedHelpPages(deps);
  const records = existsSync(new URL('records.json', DEMO_DIR)) ? await seedDemoRecords(deps) : 0;
  const requests = await seedDemoRequests(deps);
  const services = await seedDemoServices(deps);
  const inspection = await seedDemoInspection(deps);
  const supervision = await seedDemoSupervision(deps);
  return { seeded: true, agencies: agencies.length, records, requests, serviceItems: services.items, results: services.results, inspectionSites: inspection.sites, supervision, accounts: DEMO_ACCOUNTS, password };
}
