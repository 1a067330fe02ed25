/**
 * A previous year's published report, for an agency whose older requests were never in the platform
 * (reference §2.2, §2.4: the 2019 trial format differs in table 二 and in （六）其他处理). Its
 * 四、结转下年度继续办理 row says how many requests were still open at that year's end; they become
 * open requests of the platform, received on 31 December of that year and marked as carried over,
 * so that next year's 二、上年结转 is counted from records like every other figure, and the officers
 * close them with their real outcomes as they are answered (keeping 一 + 二 = 三 + 四 true).
 */
import { randomBytes } from 'node:crypto';
import { findAgencyByCode } from '../agencies/service.js';
import { appendAudit } from '../platform/audit/store.js';
import { hashPassword } from '../platform/auth/password.js';
import type { ServiceDeps } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { refreshRequest } from '../requests/lifecycle.js';
import { APPLICANT_TYPES, formatTrackingNumber, type ApplicantType } from '../requests/model.js';
import * as requestStore from '../requests/store.js';
import { TABLE3_COLUMN_LABELS } from './model.js';

const T3 = '三、收到和处理政府信息公开申请情况';
const CARRIED_OUT = '四、结转下年度继续办理';
const OTHER = '（六）其他处理';

export interface LegacyCarryOver {
  /** '2019' when （六）其他处理 is one row (the trial format), '2021' when it has its three sub-rows */
  readonly format: '2019' | '2021';
  readonly counts: Readonly<Record<ApplicantType, number>>;
  readonly total: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads the carried-out row from a report in the JSON shape of the export (keys are the template's labels). */
export function legacyCarryOver(json: unknown): LegacyCarryOver {
  const t3 = isObject(json) ? json[T3] : undefined;
  const row = isObject(t3) ? t3[CARRIED_OUT] : undefined;
  if (!isObject(t3) || !isObject(row)) throw errors.validation([`文件中没有“${T3} / ${CARRIED_OUT}”一行 / the file has no carried-out row of table 三`]);
  const problems: string[] = [];
  const counts = {} as Record<ApplicantType, number>;
  for (const t of APPLICANT_TYPES) {
    const v = row[TABLE3_COLUMN_LABELS[t]];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) problems.push(`${CARRIED_OUT} × ${TABLE3_COLUMN_LABELS[t]}: 应为非负整数 / must be a whole number ≥ 0`);
    else counts[t] = v;
  }
  const total = APPLICANT_TYPES.reduce((s, t) => s + (counts[t] ?? 0), 0);
  if (problems.length === 0 && row['总计'] !== total) problems.push(`${CARRIED_OUT} × 总计: 应为 ${total}（各列之和），实为 ${String(row['总计'])} / the total is not the sum of the columns`);
  if (problems.length > 0) throw errors.validation(problems);
  const results = t3['三、本年度办理结果'];
  const other = isObject(results) ? results[OTHER] : undefined;
  // The trial format's （六）其他处理 holds the column figures directly; the 2021 one nests three sub-rows.
  const format = isObject(other) && typeof other['自然人'] === 'number' ? '2019' : '2021';
  return { format, counts, total };
}

/**
 * Turns a previous year's carried-out requests into open requests of the agency. Refused when the
 * platform already holds requests received before that year's end (they are counted from records).
 */
export async function importCarryOver(deps: ServiceDeps, actorLogin: string, agencyCode: string, year: number, json: unknown): Promise<LegacyCarryOver & { created: number }> {
  const carry = legacyCarryOver(json);
  const agency = await findAgencyByCode(deps.db, agencyCode);
  if (!agency) throw errors.notFound('机关');
  const last = `${year}-12-31`;
  const existing = await deps.db.selectFrom('request').select('id').where('agencyId', '=', agency.id).where('receivedOn', '<=', last).executeTakeFirst();
  if (existing) {
    throw errors.conflict(`平台已有本机关${year}年底以前收到的申请，上年结转由平台记录计算，不能再按报告导入`, `The platform already holds requests received by the end of ${year}; carry-over is counted from them`);
  }
  const codeHash = await hashPassword(randomBytes(32).toString('base64url'));
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now().toISOString();
    let created = 0;
    for (const type of APPLICANT_TYPES) {
      for (let i = 0; i < carry.counts[type]; i++) {
        const seq = await requestStore.nextSeq(tx, agency.id, year, 'tracking');
        const row = await requestStore.insertRequest(tx, {
          agencyId: agency.id,
          trackingNumber: formatTrackingNumber(agency.code, year, seq),
          queryCodeHash: codeHash,
          source: 'carryover',
          applicantType: type,
          applicantName: '（上年结转）',
          idDocType: 'other',
          idDocNumber: '',
          title: `上年结转申请（据${year}年度报告，${TABLE3_COLUMN_LABELS[type]}）`,
          description: '该申请在使用本平台以前收到，平台仅从上年度报告得知其数量；请补充申请内容，并在答复后登记办理结果。',
          deliveryForm: 'paper',
          deliveryMethod: 'post',
          channel: 'in-person',
          submittedOn: last,
          receivedOn: last,
          receiptRule: `据${year}年度政府信息公开工作年度报告“结转下年度继续办理”导入，实际收到日期不详`,
          state: 'received',
          dueOn: null,
          assignedTo: null,
          outcome: null,
          closedOn: null,
          onTime: null,
          releasedRecordId: null,
          createdAt: now,
          updatedAt: now,
        });
        await requestStore.insertEvent(tx, { requestId: row.id, at: now, onDate: last, kind: 'received', actorLogin, data: { channel: 'in-person' }, comment: '上年结转（据年度报告）' });
        await refreshRequest(tx, row, now);
        created++;
      }
    }
    await appendAudit(tx, deps.clock.now(), {
      actor: { id: null, login: actorLogin },
      agencyId: agency.id,
      action: 'report.carry-over',
      objectType: 'annual_report',
      objectId: `${agency.code}/${year}`,
      summary: `据${year}年度报告（${carry.format}年格式）导入结转下年度继续办理的申请 ${created} 件`,
      after: carry,
    });
    return { ...carry, created };
  });
}
