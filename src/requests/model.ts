/**
 * 依申请公开 vocabulary: who applies, how a request arrives, what it asks for, and how it ends.
 * Pure data and rules, no I/O. The outcome codes are the rows of the national annual-report
 * table 三 (2021 format, reference §2.3) exactly, so the report (#6) counts them without mapping.
 */

// ---------------------------------------------------------------- applicants (条例 第二十九条)

/** Columns of annual-report table 三: 自然人 and the five kinds of 法人或其他组织. */
export const APPLICANT_TYPES = ['natural', 'business', 'research', 'public-interest', 'legal-services', 'other-org'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  natural: '自然人',
  business: '商业企业',
  research: '科研机构',
  'public-interest': '社会公益组织',
  'legal-services': '法律服务机构',
  'other-org': '其他',
};
export const isOrganisation = (t: ApplicantType): boolean => t !== 'natural';

/** Proof of identity (身份证明) a natural person or an organisation may give. */
export const ID_DOC_TYPES = [
  'resident-id', // 居民身份证 (GB 11643)
  'residence-permit', // 港澳台居民居住证 (same 18-character form, 81/82/83 prefix)
  'passport', // 护照
  'hk-macao-permit', // 港澳居民来往内地通行证
  'taiwan-permit', // 台湾居民来往大陆通行证
  'foreigner-permanent', // 外国人永久居留身份证
  'credit-code', // 统一社会信用代码 (GB 32100), organisations
  'other',
] as const;
export type IdDocType = (typeof ID_DOC_TYPES)[number];
export const ID_DOC_LABELS: Readonly<Record<IdDocType, string>> = {
  'resident-id': '居民身份证',
  'residence-permit': '港澳台居民居住证',
  passport: '护照',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
  'foreigner-permanent': '外国人永久居留身份证',
  'credit-code': '统一社会信用代码证书',
  other: '其他有效证件',
};

// ---------------------------------------------------------------- channels (条例 第二十九条, 第三十一条)

/** How the request reached the agency; each has its own receipt rule (第三十一条). */
export const CHANNELS = ['online', 'in-person', 'post-signed', 'post-ordinary', 'fax', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  online: '网上申请（本平台）',
  'in-person': '当面提交',
  'post-signed': '邮寄（需签收）',
  'post-ordinary': '平常信函（无需签收）',
  fax: '传真',
  email: '电子邮件等其他互联网渠道',
};

/** The form and channel the applicant wants the information in (第二十九条（三）, 第四十条). */
export const DELIVERY_FORMS = ['paper', 'electronic'] as const;
export type DeliveryForm = (typeof DELIVERY_FORMS)[number];
export const DELIVERY_FORM_LABELS: Readonly<Record<DeliveryForm, string>> = { paper: '纸质', electronic: '电子文档' };
export const DELIVERY_METHODS = ['post', 'pickup', 'email', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Readonly<Record<DeliveryMethod, string>> = {
  post: '邮寄',
  pickup: '当面领取',
  email: '电子邮件',
  online: '在线查看（本平台）',
};

// ---------------------------------------------------------------- outcomes (annual report table 三)

export const OUTCOME_GROUPS = ['disclosed', 'partial', 'withheld', 'unavailable', 'not-processed', 'other'] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];
export const OUTCOME_GROUP_LABELS: Readonly<Record<OutcomeGroup, string>> = {
  disclosed: '予以公开',
  partial: '部分公开',
  withheld: '不予公开',
  unavailable: '无法提供',
  'not-processed': '不予处理',
  other: '其他处理',
};

export interface OutcomeReason {
  readonly code: string;
  readonly group: OutcomeGroup;
  /** the row label of table 三, verbatim (reference §2.3) */
  readonly label: string;
  /** the article(s) the decision rests on, cited in the letter */
  readonly basis: string;
}

/**
 * Every way a request can end. 予以公开 and 部分公开 have no sub-rows in the report; the two
 * 予以公开 codes only choose the letter (第三十六条（一） already public vs （二） provided).
 */
export const OUTCOME_REASONS: readonly OutcomeReason[] = [
  { code: 'disclosed.already-public', group: 'disclosed', label: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第（一）项' },
  { code: 'disclosed.provided', group: 'disclosed', label: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项' },
  { code: 'partial', group: 'partial', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', basis: '《中华人民共和国政府信息公开条例》第三十七条' },
  { code: 'withheld.state-secret', group: 'withheld', label: '属于国家秘密', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withheld.law-prohibited', group: 'withheld', label: '其他法律行政法规禁止公开', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withheld.three-safety', group: 'withheld', label: '危及“三安全一稳定”', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withheld.third-party', group: 'withheld', label: '保护第三方合法权益', basis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项' },
  { code: 'withheld.internal-affairs', group: 'withheld', label: '属于三类内部事务信息', basis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项' },
  { code: 'withheld.process-info', group: 'withheld', label: '属于四类过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  { code: 'withheld.enforcement-file', group: 'withheld', label: '属于行政执法案卷', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  { code: 'withheld.administrative-query', group: 'withheld', label: '属于行政查询事项', basis: '《中华人民共和国政府信息公开条例》第三十六条第（七）项' },
  { code: 'unavailable.not-held', group: 'unavailable', label: '本机关不掌握相关政府信息', basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项' },
  { code: 'unavailable.needs-creation', group: 'unavailable', label: '没有现成信息需要另行制作', basis: '《中华人民共和国政府信息公开条例》第三十八条' },
  { code: 'unavailable.still-unclear', group: 'unavailable', label: '补正后申请内容仍不明确', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  { code: 'not-processed.petition', group: 'not-processed', label: '信访举报投诉类申请', basis: '《中华人民共和国政府信息公开条例》第三十九条第一款' },
  { code: 'not-processed.repeat', group: 'not-processed', label: '重复申请', basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项' },
  { code: 'not-processed.publication', group: 'not-processed', label: '要求提供公开出版物', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  { code: 'not-processed.excessive', group: 'not-processed', label: '无正当理由大量反复申请', basis: '《中华人民共和国政府信息公开条例》第三十五条' },
  { code: 'not-processed.confirm-reissue', group: 'not-processed', label: '要求行政机关确认或重新出具已获取信息', basis: '《中华人民共和国政府信息公开条例》第三十八条、第三十九条' },
  // 2021 format sub-rows; wording confirmed only in secondary sources (reference §2.3, §7 item 6).
  { code: 'other.correction-overdue', group: 'other', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  { code: 'other.fee-unpaid', group: 'other', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', basis: '《中华人民共和国政府信息公开条例》第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）' },
  { code: 'other.other', group: 'other', label: '其他', basis: '《中华人民共和国政府信息公开条例》' },
];
export type OutcomeCode = string;

const OUTCOME_BY_CODE = new Map(OUTCOME_REASONS.map((o) => [o.code, o]));
export function outcomeOf(code: string): OutcomeReason | undefined {
  return OUTCOME_BY_CODE.get(code);
}
/** Outcomes an officer may choose in a decision; the two 其他处理 endings the system records itself. */
export const DECIDABLE_OUTCOMES = OUTCOME_REASONS.filter((o) => o.code !== 'other.correction-overdue' && o.code !== 'other.fee-unpaid');

/** "不予公开 · 属于国家秘密", or just "予以公开" where the group has no sub-rows. */
export function outcomeTitle(code: string): string {
  const o = outcomeOf(code);
  if (!o) return code;
  const group = OUTCOME_GROUP_LABELS[o.group];
  return o.group === 'disclosed' || o.group === 'partial' ? group : `${group} · ${o.label}`;
}

// ---------------------------------------------------------------- states

/**
 * Where a request stands. `received`: the 20-working-day clock runs. `awaiting-correction`: a
 * 补正 notice is out and the clock waits for the corrected request (第三十条). `consulting`: a
 * third party or another organ is being consulted and the clock is paused (第三十二条, 第三十四条).
 * `awaiting-fee`: a fee notice is out (国办函〔2020〕109号). `closed`: decided, with an outcome.
 */
export const REQUEST_STATES = ['received', 'awaiting-correction', 'consulting', 'awaiting-fee', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_LABELS: Readonly<Record<RequestState, string>> = {
  received: '办理中',
  'awaiting-correction': '待申请人补正',
  consulting: '征求意见中（暂停计时）',
  'awaiting-fee': '待缴纳信息处理费',
  closed: '已答复',
};

// ---------------------------------------------------------------- appeals (annual report table 四)

export const APPEAL_KINDS = ['reconsideration', 'litigation-direct', 'litigation-after-reconsideration'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_KIND_LABELS: Readonly<Record<AppealKind, string>> = {
  reconsideration: '行政复议',
  'litigation-direct': '行政诉讼（未经复议直接起诉）',
  'litigation-after-reconsideration': '行政诉讼（复议后起诉）',
};
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
export const APPEAL_RESULT_LABELS: Readonly<Record<AppealResult, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

// ---------------------------------------------------------------- tracking numbers and query codes

/** Public tracking number: agency code, year and a per-agency-year sequence, e.g. YSQ-LJ-2026-00042. */
export function formatTrackingNumber(agencyCode: string, year: number, seq: number): string {
  return `YSQ-${agencyCode}-${year}-${String(seq).padStart(5, '0')}`;
}
export const TRACKING_NUMBER_RE = /^YSQ-[a-z0-9-]{1,40}-\d{4}-\d{5,}$/;

/** As typed by the applicant: agency codes are lower case (agencies/model.ts), the prefix upper. */
export function normalizeTrackingNumber(raw: string): string {
  const t = raw.normalize('NFKC').trim().replace(/\s+/g, '').toLowerCase();
  return t.startsWith('ysq-') ? `YSQ-${t.slice(4)}` : t;
}

// Crockford-style alphabet without 0/O, 1/I/L, U: easy to read out over the phone.
const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const QUERY_CODE_LENGTH = 10;

/** A query code from random bytes (the caller passes crypto randomness; ≈ 49 bits). */
export function queryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < QUERY_CODE_LENGTH) throw new RangeError('need at least QUERY_CODE_LENGTH random bytes');
  let out = '';
  // 256 is not a multiple of 30: bytes ≥ 240 would bias the first 16 symbols, so they are skipped.
  for (const b of bytes) {
    if (b >= 240) continue;
    out += QUERY_CODE_ALPHABET[b % QUERY_CODE_ALPHABET.length];
    if (out.length === QUERY_CODE_LENGTH) return out;
  }
  throw new RangeError('not enough unbiased random bytes');
}

/** What the applicant typed, folded so spaces, dashes and lower case do not matter. */
export function normalizeQueryCode(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}
