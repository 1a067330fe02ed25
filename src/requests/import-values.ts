/** The values of a register's cells: vocabularies (channels, applicant types, outcomes, appeal results), dates and appeals. */
import type { IsoDate } from '../platform/calendar/model.js';
import { valueKey, type Resolved } from '../platform/files/table-import.js';
import type { ImportColumnKey, ImportedAppeal } from './import-file.js';
import {
  APPEAL_RESULT_LABELS,
  APPEAL_RESULTS,
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  OUTCOME_GROUP_LABELS,
  OUTCOME_GROUPS,
  OUTCOME_REASONS,
  type AppealKind,
  type AppealResult,
  type ApplicantType,
  type Channel,
  type OutcomeGroup,
} from './model.js';

// ---------------------------------------------------------------- vocabularies

export { parseDate, valueKey } from '../platform/files/table-import.js';

function vocabulary<T extends string>(entries: Iterable<[string, T]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of entries) m.set(valueKey(k), v);
  return m;
}

export const CHANNEL_VALUES = vocabulary<Channel>([
  ...CHANNELS.map((c): [string, Channel] => [c, c]),
  ...CHANNELS.map((c): [string, Channel] => [CHANNEL_LABELS[c], c]),
  ...(['网上', '网络', '在线', '网上申请', '在线申请', '网络申请'] as const).map((s): [string, Channel] => [s, 'online']),
  ...(['当面', '当面申请', '现场', '现场申请'] as const).map((s): [string, Channel] => [s, 'in-person']),
  ...(['邮寄', '挂号信', 'EMS', '邮政EMS', '快递'] as const).map((s): [string, Channel] => [s, 'post-signed']),
  ...(['平信', '平常信函', '普通信函'] as const).map((s): [string, Channel] => [s, 'post-ordinary']),
  ...(['电子邮件', '邮箱', '电子邮箱', '电邮', 'e-mail'] as const).map((s): [string, Channel] => [s, 'email']),
]);

export const APPLICANT_VALUES = vocabulary<ApplicantType>([
  ...APPLICANT_TYPES.map((t): [string, ApplicantType] => [t, t]),
  ...APPLICANT_TYPES.map((t): [string, ApplicantType] => [APPLICANT_TYPE_LABELS[t], t]),
  ['个人', 'natural'],
  ['公民', 'natural'],
]);
/** Umbrella words for 法人或其他组织: the report needs the kind, so these are refused. */
export const APPLICANT_UMBRELLA = new Set(['法人', '法人或其他组织', '法人和其他组织', '其他组织', '企业', '单位', '组织', '机构'].map(valueKey));

const APPEAL_RESULT_VALUES = vocabulary<AppealResult>([
  ...APPEAL_RESULTS.map((r): [string, AppealResult] => [r, r]),
  ...APPEAL_RESULTS.map((r): [string, AppealResult] => [APPEAL_RESULT_LABELS[r], r]),
  ['维持', 'upheld'],
  ['纠正', 'corrected'],
  ['其他', 'other'],
  ['未审结', 'pending'],
]);

type LitigationKind = Extract<AppealKind, 'litigation-direct' | 'litigation-after-reconsideration'>;
const LITIGATION_KIND_VALUES = vocabulary<LitigationKind>([
  ['直接起诉', 'litigation-direct'],
  ['未经复议直接起诉', 'litigation-direct'],
  ['行政诉讼（未经复议直接起诉）', 'litigation-direct'],
  ['litigation-direct', 'litigation-direct'],
  ['direct', 'litigation-direct'],
  ['复议后起诉', 'litigation-after-reconsideration'],
  ['经复议后起诉', 'litigation-after-reconsideration'],
  ['行政诉讼（复议后起诉）', 'litigation-after-reconsideration'],
  ['litigation-after-reconsideration', 'litigation-after-reconsideration'],
  ['after-reconsideration', 'litigation-after-reconsideration'],
]);

/** What registers write for "none" in the appeal columns. */
const NONE_MARKS = new Set(['无', '/', '-', '—', '——', '－'].map(valueKey));

// Outcomes. Extra spellings per code: short forms of the 2021 其他处理 rows, the 属于/危及-less
// forms of the 不予公开 rows, and the letters' wording for the two 予以公开 codes.
const OUTCOME_EXTRA: Readonly<Record<string, readonly string[]>> = {
  'disclosed.already-public': ['已主动公开', '告知获取方式'],
  'disclosed.provided': ['予以提供'],
  partial: ['部分公开'],
  'withheld.three-safety': ['三安全一稳定'],
  'other.correction-overdue': ['逾期不补正', '无正当理由逾期不补正', '申请人逾期不补正'],
  'other.fee-unpaid': ['逾期未缴费', '逾期未缴纳费用', '逾期不缴费', '逾期未按收费通知要求缴纳费用'],
};

interface OutcomeVocabulary {
  /** whole-value forms: codes, 予以公开/部分公开 alone, sub-reason labels that are unique */
  whole: Map<string, string>;
  /** sub-reason forms within each group, for "组 · 情形" */
  within: Map<OutcomeGroup, Map<string, string>>;
  groups: [string, OutcomeGroup][];
}

const OUTCOMES: OutcomeVocabulary = (() => {
  const within = new Map<OutcomeGroup, Map<string, string>>(OUTCOME_GROUPS.map((g) => [g, new Map()]));
  const count = new Map<string, Set<string>>();
  for (const o of OUTCOME_REASONS) {
    const forms = [o.label, ...(OUTCOME_EXTRA[o.code] ?? [])];
    if (o.label.startsWith('属于')) forms.push(o.label.slice(2));
    for (const f of forms) {
      const k = valueKey(f);
      within.get(o.group)?.set(k, o.code);
      count.set(k, (count.get(k) ?? new Set()).add(o.code));
    }
  }
  const whole = new Map<string, string>();
  for (const [k, codes] of count) if (codes.size === 1) whole.set(k, [...codes][0] ?? '');
  // 予以公开 alone is the usual entry: information provided (第三十六条（二）).
  whole.set(valueKey(OUTCOME_GROUP_LABELS.disclosed), 'disclosed.provided');
  within.get('disclosed')?.set(valueKey(OUTCOME_GROUP_LABELS.disclosed), 'disclosed.provided');
  for (const o of OUTCOME_REASONS) whole.set(o.code, o.code);
  const groups = OUTCOME_GROUPS.map((g): [string, OutcomeGroup] => [valueKey(OUTCOME_GROUP_LABELS[g]), g]).sort((a, b) => b[0].length - a[0].length);
  return { whole, within, groups };
})();


const subReasonList = (g: OutcomeGroup): string =>
  OUTCOME_REASONS.filter((o) => o.group === g)
    .map((o) => o.label)
    .join('、');

/** An OUTCOME_REASONS code for what the register wrote. `text` is not empty. */
export function resolveOutcome(text: string): Resolved<string> {
  const v = valueKey(text);
  const whole = OUTCOMES.whole.get(v);
  if (whole !== undefined) return { value: whole };
  for (const [label, group] of OUTCOMES.groups) {
    if (!v.startsWith(label)) continue;
    let rest = v.slice(label.length).replace(/^[·・•‧\-–—:/|、,_.]+/, '');
    const bracketed = /^\((.*)\)$/.exec(rest);
    if (bracketed) rest = bracketed[1] ?? '';
    const groupLabel = OUTCOME_GROUP_LABELS[group];
    if (rest === '') {
      return {
        zh: `“${groupLabel}”须写明具体情形：${subReasonList(group)}`,
        en: `"${groupLabel}" needs its sub-reason (e.g. "${groupLabel} · ${OUTCOME_REASONS.find((o) => o.group === group)?.label ?? ''}")`,
      };
    }
    const code = OUTCOMES.within.get(group)?.get(rest);
    if (code !== undefined) return { value: code };
    const elsewhere = OUTCOMES.whole.get(rest);
    const other = elsewhere !== undefined ? OUTCOME_REASONS.find((o) => o.code === elsewhere) : undefined;
    if (other) {
      const otherGroup = OUTCOME_GROUP_LABELS[other.group];
      return { zh: `“${other.label}”属于“${otherGroup}”，不属于“${groupLabel}”`, en: `"${other.label}" belongs to "${otherGroup}", not "${groupLabel}"` };
    }
    return { zh: `“${groupLabel}”下没有这一情形；可填：${subReasonList(group)}`, en: `"${groupLabel}" has no such sub-reason` };
  }
  return {
    zh: `无法识别的办理结果“${text}”；请按年报表三填写，如“予以公开”“部分公开”“不予公开·属于国家秘密”，未办结请留空`,
    en: 'unknown outcome: use the annual-report table 三 wording, e.g. "不予公开 · 属于国家秘密"; leave empty while still open',
  };
}

// ---------------------------------------------------------------- appeals

/** What `readAppeals` needs of the row being checked (RowCheck in import-file.ts). */
export interface AppealRow {
  text(key: ImportColumnKey): string;
  date(key: ImportColumnKey): IsoDate | null;
  report(key: ImportColumnKey, zh: string, en: string): void;
}

/** The appeals of one row; problems go to `r` (the row is then left out). 无, / and - mean none. */
export function readAppeals(r: AppealRow, receivedOn: IsoDate | null): ImportedAppeal[] {
  const value = (key: ImportColumnKey): string => {
    const t = r.text(key);
    return t === '' || NONE_MARKS.has(valueKey(t)) ? '' : t;
  };
  const has = (key: ImportColumnKey): boolean => value(key) !== '';
  const date = (key: ImportColumnKey): IsoDate | null => (has(key) ? r.date(key) : null);
  const result = (key: ImportColumnKey): AppealResult | null => {
    if (!has(key)) return null;
    const v = APPEAL_RESULT_VALUES.get(valueKey(value(key)));
    if (v === undefined) r.report(key, `无法识别“${value(key)}”；可填：维持、纠正、其他、尚未审结`, 'unknown result: use 维持, 纠正, 其他 or 尚未审结');
    return v ?? null;
  };

  const appeals: ImportedAppeal[] = [];
  const one = (kind: AppealKind, resultKey: ImportColumnKey, filedKey: ImportColumnKey, concludedKey: ImportColumnKey, what: { zh: string; en: string; filed: string }): ImportedAppeal | null => {
    const res = result(resultKey);
    const filedOn = date(filedKey);
    const concludedOn = date(concludedKey);
    if (!has(resultKey)) {
      if (has(filedKey) || has(concludedKey)) r.report(resultKey, `已填写${what.zh}日期，${what.zh}结果必填（未审结填“尚未审结”）`, `a ${what.en} date is given, so its result is required (尚未审结 while pending)`);
      return null;
    }
    if (filedOn !== null && receivedOn !== null && filedOn < receivedOn) r.report(filedKey, `早于收到申请日期（${receivedOn}）`, `earlier than receivedOn (${receivedOn})`);
    if (concludedOn !== null && res === 'pending') r.report(concludedKey, '结果为“尚未审结”时不应填写审结日期', 'a pending case has no conclusion date');
    else if (concludedOn !== null && filedOn !== null && concludedOn < filedOn) r.report(concludedKey, `早于${what.filed}（${filedOn}）`, `earlier than the filing date (${filedOn})`);
    if (res === null) return null;
    const appeal: ImportedAppeal = { kind, result: res, filedOn, concludedOn };
    appeals.push(appeal);
    return appeal;
  };

  const reconsideration = one('reconsideration', 'reconsideration', 'reconsiderationFiledOn', 'reconsiderationConcludedOn', { zh: '行政复议', en: 'reconsideration', filed: '复议申请日期' });
  let kind: LitigationKind = 'litigation-direct';
  if (has('litigationKind')) {
    const k = LITIGATION_KIND_VALUES.get(valueKey(value('litigationKind')));
    if (k === undefined) r.report('litigationKind', `无法识别“${value('litigationKind')}”；可填：直接起诉、复议后起诉`, 'unknown kind: use 直接起诉 or 复议后起诉');
    else if (!has('litigation')) r.report('litigation', '已填写诉讼类型，行政诉讼结果必填（未审结填“尚未审结”）', 'a litigation kind is given, so the litigation result is required (尚未审结 while pending)');
    else if (k === 'litigation-after-reconsideration' && !has('reconsideration')) r.report('litigationKind', '“复议后起诉”须同时填写行政复议结果', '"复议后起诉" requires a reconsideration result');
    else kind = k;
  }
  const litigation = one(kind, 'litigation', 'litigationFiledOn', 'litigationConcludedOn', { zh: '行政诉讼', en: 'litigation', filed: '起诉日期' });
  const reconsideredOn = reconsideration?.filedOn ?? null;
  if (litigation?.kind === 'litigation-after-reconsideration' && litigation.filedOn !== null && reconsideredOn !== null && litigation.filedOn < reconsideredOn) {
    r.report('litigationFiledOn', `复议后起诉的起诉日期早于复议申请日期（${reconsideredOn}）`, `earlier than the reconsideration filing date (${reconsideredOn})`);
  }
  return appeals;
}
