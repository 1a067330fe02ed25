/**
 * The JSON shapes of the public request API (/api/v1/requests, /api/v1/agencies/{code}/requests),
 * as zod schemas for the OpenAPI document and presenters that fill them. Nothing about the
 * applicant is in any of them except what the applicant asked for (the request's own title).
 */
import { z } from 'zod';
import { outcomeTitle } from '../../model.js';
import type { ApplicantView } from '../../service.js';
import type { RegisterItem } from './register.js';
import { letterTitleOf, publicTimeline, stateLabelOf } from './status.js';

const date = (what: string) => z.string().describe(`${what}（YYYY-MM-DD）`);

export const submitResponseSchema = z.object({
  trackingNumber: z.string().describe('申请编号 / tracking number'),
  queryCode: z.string().describe('查询码，只返回这一次，本系统不保存明文 / query code, returned once and never stored in clear'),
  receivedOn: date('收到申请之日'),
  dueOn: date('答复期限').nullable(),
  dueProvisional: z.boolean().describe('涉及尚未公布节假日安排的年份，期限暂定'),
  statusUrl: z.string().describe('网页版进度查询（需输入查询码）/ web page to look the request up'),
  apiUrl: z.string().describe('本接口的状态查询地址，加 ?code=查询码 / status API, add ?code='),
});

export const statusQuerySchema = z.object({ code: z.string().max(40).describe('查询码 / query code') });
export const trackingParamSchema = z.object({ trackingNumber: z.string().max(80).describe('申请编号 / tracking number') });

export const statusResponseSchema = z.object({
  trackingNumber: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  title: z.string().describe('所需政府信息'),
  state: z.string().describe('received | awaiting-correction | consulting | awaiting-fee | closed'),
  stateLabel: z.string(),
  receivedOn: date('收到申请之日'),
  dueOn: date('答复期限').nullable().describe('补正期间为 null'),
  dueProvisional: z.boolean(),
  dueExplanation: z.array(z.object({ rule: z.string().describe('依据'), text: z.string(), date: z.string().optional() })).describe('答复期限的计算过程'),
  outcome: z.string().nullable().describe('办理结果代码（年报表三）'),
  outcomeLabel: z.string().nullable(),
  closedOn: z.string().nullable(),
  onTime: z.boolean().nullable().describe('是否在答复期限内答复；未办结为 null'),
  timeline: z.array(z.object({ on: z.string(), kind: z.string(), label: z.string() })),
  letters: z
    .array(z.object({ id: z.number().int(), kind: z.string(), number: z.string().describe('文号'), issuedOn: z.string(), title: z.string(), text: z.string().describe('文书全文（纯文本）') }))
    .describe('告知书和答复书'),
  files: z.array(z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() })).describe('提供的材料（请在网页进度查询中下载）'),
});

export function presentStatus(view: ApplicantView): z.infer<typeof statusResponseSchema> {
  const { request: r, agency, clock } = view;
  return {
    trackingNumber: r.trackingNumber,
    agency: { code: agency.code, name: agency.name },
    title: r.title,
    state: r.state,
    stateLabel: stateLabelOf(r.state),
    receivedOn: r.receivedOn,
    dueOn: clock.dueDate,
    dueProvisional: clock.provisional,
    dueExplanation: clock.steps.map((s) => ({ rule: s.rule, text: s.text, ...(s.date ? { date: s.date } : {}) })),
    outcome: r.outcome,
    outcomeLabel: r.outcome ? outcomeTitle(r.outcome) : null,
    closedOn: clock.closedOn,
    onTime: clock.onTime,
    timeline: publicTimeline(view.events),
    letters: view.letters.map((l) => ({ id: l.id, kind: l.kind, number: l.number, issuedOn: l.issuedOn, title: letterTitleOf(l.kind), text: l.plainText })),
    files: view.attachments.map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
  };
}

export const registerQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const agencyParamSchema = z.object({ code: z.string().max(40).describe('机构代码 / agency code') });

export const registerItemSchema = z.object({
  trackingNumber: z.string(),
  summary: z.string().describe('所需信息的公开摘要'),
  receivedOn: z.string(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  onTime: z.boolean().nullable(),
  releasedRecord: z.object({ id: z.number().int(), indexNumber: z.string(), title: z.string(), url: z.string() }).nullable().describe('已转为主动公开的政府信息（条例 第四十四条）'),
});

export function presentRegisterItem(r: RegisterItem): z.infer<typeof registerItemSchema> {
  return {
    trackingNumber: r.trackingNumber,
    summary: r.publicSummary,
    receivedOn: r.receivedOn,
    closedOn: r.closedOn,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? outcomeTitle(r.outcome) : null,
    onTime: r.onTime === null ? null : r.onTime === 1,
    releasedRecord: r.released ? { id: r.released.id, indexNumber: r.released.indexNumber, title: r.released.title, url: `/records/${r.released.id}` } : null,
  };
}
