/**
 * The letters (文书) of a disclosure request, rendered from templates: 答复书, 补正告知书,
 * 延期答复告知书, 征求意见函, 信息处理费收费通知书 and 受理回执. Pure: no I/O, no clock.
 *
 * Each letter is first built as a small document model (title, number, salutation, paragraphs,
 * tables, signature, date, contact), then rendered twice from that one model: as a standalone
 * printable HTML page (preact, escaped by default, styled by /static/letter.css) and as plain text
 * (CLI, e-mail, storage). So the two always carry the same sentences.
 *
 * Legal text: 《中华人民共和国政府信息公开条例》(2019) 第二十九–四十五条, 第五十一条; 国办函〔2020〕109号
 * (reference regulations.md §1.4, §1.6, §6). The basis of a reply is OUTCOME_REASONS.basis, verbatim.
 */
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { isIsoDate, type IsoDate } from '../platform/calendar/model.js';
import type { Fee } from './fees.js';
import { DELIVERY_FORM_LABELS, DELIVERY_METHOD_LABELS, outcomeOf, type DeliveryForm, type DeliveryMethod, type OutcomeReason } from './model.js';

// ---------------------------------------------------------------- input

export interface LetterParty {
  name: string;
  isOrganisation: boolean;
}
export interface LetterAgency {
  name: string;
  officeName: string;
  phone: string;
  address: string;
  postcode: string;
  email: string;
}
export interface LetterRequestRef {
  trackingNumber: string;
  title: string;
  description: string;
  receivedOn: IsoDate;
  submittedOn: IsoDate;
}
interface Common {
  /** 文书编号, e.g. 岚教公开答〔2026〕第5号 */
  number: string;
  /** 成文日期 */
  issuedOn: IsoDate;
  agency: LetterAgency;
  applicant: LetterParty;
  request: LetterRequestRef;
}

/** 政府信息公开申请答复书 (第三十六–三十九条). */
export interface ReplyLetterInput extends Common {
  kind: 'reply';
  /** an OUTCOME_REASONS code */
  outcome: string;
  /** the officer's reasons, plain text, may be several paragraphs */
  reasons: string;
  /** what is provided and how/where (plain text) */
  provided: string;
  deliveryForm: DeliveryForm;
  deliveryMethod: DeliveryMethod;
  /** 第三十六条（五）: the organ responsible for the information, when it can be identified */
  referral?: { agencyName: string; contact: string };
  /** 行政复议机关 */
  reconsiderationBody: string;
  /** e.g. 岚江市岚山区人民法院 or 有管辖权的人民法院 */
  court: string;
}
/** 补正告知书 (第三十条). */
export interface CorrectionLetterInput extends Common {
  kind: 'correction';
  whatToCorrect: string;
  respondBy: IsoDate;
}
/** 延期答复告知书 (第三十三条第二款). */
export interface ExtensionLetterInput extends Common {
  kind: 'extension';
  /** 1–20 (第三十三条第二款: 延长的期限最长不得超过20个工作日) */
  workingDays: number;
  newDueDate: IsoDate;
  reason: string;
}
/**
 * 征求第三方意见函 (第三十二条) or 征求意见函 to another organ (第三十四条). Addressed to the party,
 * never naming the applicant.
 */
export interface ConsultationLetterInput extends Common {
  kind: 'consultation';
  party: { name: string; isAgency: boolean };
  infoSummary: string;
  replyBy: IsoDate;
}
/** 信息处理费收费通知书 (条例 第四十二条, 国办函〔2020〕109号). */
export interface FeeNoticeLetterInput extends Common {
  kind: 'fee-notice';
  method: 'per-request' | 'per-page';
  /** from fees.ts (perRequestFee / perPageFee); its method must match `method` */
  fee: Fee;
  payBy: IsoDate;
  /** how to pay, plain text */
  payment: string;
}
/** 受理回执 (第三十一条, 第三十三条). */
export interface AcknowledgementLetterInput extends Common {
  kind: 'acknowledgement';
  /** statutory due date: 20 working days from receipt (第三十三条) */
  dueDate: IsoDate;
}

export type LetterInput =
  | ReplyLetterInput
  | CorrectionLetterInput
  | ExtensionLetterInput
  | ConsultationLetterInput
  | FeeNoticeLetterInput
  | AcknowledgementLetterInput;
export type LetterKind = LetterInput['kind'];

export const LETTER_KINDS = ['reply', 'correction', 'extension', 'consultation', 'fee-notice', 'acknowledgement'] as const satisfies readonly LetterKind[];

export const LETTER_TITLES: Readonly<Record<LetterKind, string>> = {
  reply: '政府信息公开申请答复书',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultation: '征求意见函',
  'fee-notice': '信息处理费收费通知书',
  acknowledgement: '受理回执',
};
/** The consultation letter to a third party (第三十二条) has its own title. */
export const THIRD_PARTY_CONSULTATION_TITLE = '征求第三方意见函';

/** The title of this letter: LETTER_TITLES, except 征求第三方意见函 for a third party. */
export function letterTitle(input: LetterInput): string {
  if (input.kind === 'consultation' && !input.party.isAgency) return THIRD_PARTY_CONSULTATION_TITLE;
  return LETTER_TITLES[input.kind];
}

// ---------------------------------------------------------------- legal texts

const REGULATION = '《中华人民共和国政府信息公开条例》';
const FEE_MEASURE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

// ---------------------------------------------------------------- formatting helpers

/** 2026-11-26 → 2026年11月26日 (GB/T 9704-2012: 成文日期 in Arabic numerals, no leading zeros). */
export function chineseDate(d: IsoDate): string {
  const text: string = d;
  if (!isIsoDate(text)) throw new RangeError(`不是有效日期 / not a valid YYYY-MM-DD date: ${d}`);
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['仟', '佰', '拾', ''];

/** 0–9999 in financial numerals, no leading 零 (1050 → 壹仟零伍拾). */
function groupInWords(n: number): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      if (out) zeroPending = true;
      continue;
    }
    out += (zeroPending ? '零' : '') + DIGITS[d]! + SMALL_UNITS[i]!;
    zeroPending = false;
  }
  return out;
}

/**
 * A whole number of yuan as the 大写 amount of a Chinese financial document:
 * 0 → 零元整, 100 → 壹佰元整, 4700 → 肆仟柒佰元整, 10050 → 壹万零伍拾元整, 200000 → 贰拾万元整.
 * 拾 keeps its 壹 (100000 → 壹拾万元整), as is usual on receipts. Range 0 … 999,999,999,999.
 */
export function yuanInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`yuanInWords: need an integer 0 … 999999999999, got ${n}`);
  if (n === 0) return '零元整';
  const groups = [Math.floor(n / 1e8), Math.floor(n / 1e4) % 1e4, n % 1e4];
  const units = ['亿', '万', ''];
  let out = '';
  let zeroPending = false;
  groups.forEach((g, i) => {
    if (g === 0) {
      if (out) zeroPending = true;
      return;
    }
    // a gap before this group (a zero group, or fewer than four digits in it) reads as one 零
    if (out && (zeroPending || g < 1000)) out += '零';
    out += groupInWords(g) + units[i]!;
    zeroPending = false;
  });
  return `${out}元整`;
}

const yuan = (n: number): string => `${n.toLocaleString('en-US')}元`;

/** Plain text → paragraphs: one per non-blank line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

// ---------------------------------------------------------------- the document model

interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly foot: readonly string[];
}
type Block = { readonly p: string } | { readonly table: Table };

/** One letter, independent of how it is shown. */
export interface LetterDocument {
  readonly kind: LetterKind;
  readonly agencyName: string;
  readonly title: string;
  readonly number: string;
  /** "张三：" */
  readonly salutation: string;
  readonly blocks: readonly Block[];
  readonly signature: string;
  readonly date: string;
  /** 联系方式 line (附注) */
  readonly contact: string;
}

const p = (text: string): Block => ({ p: text });
const ps = (text: string): Block[] => paragraphs(text).map(p);
/** "label：" in front of the first paragraph of `text`; the others follow as paragraphs. */
function labelled(label: string, text: string, ifEmpty?: string): Block[] {
  const list = paragraphs(text);
  if (list.length === 0) return ifEmpty === undefined ? [] : [p(`${label}${ifEmpty}`)];
  return [p(`${label}${list[0]!}`), ...list.slice(1).map(p)];
}

function contactLine(a: LetterAgency): string {
  const parts = [
    a.officeName,
    a.phone && `联系电话：${a.phone}`,
    a.address && `通信地址：${a.address}`,
    a.postcode && `邮政编码：${a.postcode}`,
    a.email && `电子邮箱：${a.email}`,
  ].filter((s) => s.trim().length > 0);
  return `（联系方式：${parts.join('；')}）`;
}

/** 你 / 你单位 */
const you = (applicant: LetterParty): string => (applicant.isOrganisation ? '你单位' : '你');

/** "你于…向本机关提出的政府信息公开申请（申请编号：…）收悉" */
function receivedSentence(input: Common): string {
  const r = input.request;
  return `${you(input.applicant)}于${chineseDate(r.submittedOn)}向本机关提出的政府信息公开申请（申请编号：${r.trackingNumber}）收悉，本机关于${chineseDate(r.receivedOn)}收到。`;
}

/**
 * The appeal-rights paragraph every reply ends with (条例 第五十一条; 行政复议法 第二十条; 行政诉讼法
 * 第四十六条). Since 2024-01-01 a refusal to disclose must go to 行政复议 first (行政复议法 2023
 * 第二十三条第一款第（四）项: 申请政府信息公开，行政机关不予公开); a partial disclosure refuses the
 * rest, so it is treated the same — telling an applicant they may sue directly when they may not
 * would cost them the case, while 复议 first is always open to them.
 */
export function appealRightsSentence(reconsiderationBody: string, court: string, reconsiderationFirst = false): string {
  if (reconsiderationFirst) {
    return `如对本答复不服，应当先在收到本答复书之日起60日内向${reconsiderationBody}申请行政复议；对行政复议决定不服的，可以依法向${court}提起行政诉讼。`;
  }
  return `如对本答复不服，可以在收到本答复书之日起60日内向${reconsiderationBody}申请行政复议，或者在6个月内向${court}提起行政诉讼。`;
}
const APPEAL_BASIS = `${REGULATION}第五十一条、《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条`;
const APPEAL_BASIS_RECONSIDERATION_FIRST = `${REGULATION}第五十一条、《中华人民共和国行政复议法》第二十条和第二十三条第一款第（四）项、《中华人民共和国行政诉讼法》第四十六条`;

// ---------------------------------------------------------------- reply (答复书)

const reconsiderationFirst = (o: OutcomeReason): boolean => o.group === 'withheld' || o.group === 'partial';

/** The statement of the decision for each outcome: the standard paragraphs, citing `o.basis` verbatim. */
function decisionBlocks(input: ReplyLetterInput, o: OutcomeReason): Block[] {
  const y = you(input.applicant);
  const basis = `根据${o.basis}的规定`;
  const delivery = p(`提供形式：${DELIVERY_FORM_LABELS[input.deliveryForm]}；获取方式：${DELIVERY_METHOD_LABELS[input.deliveryMethod]}。`);
  const reasons = (label: string) => labelled(label, input.reasons);
  const withheld = (finding: string): Block[] => [p(`${y}申请公开的政府信息${finding}${basis}，本机关决定不予公开。`), ...reasons('理由如下：')];
  switch (o.code) {
    case 'disclosed.already-public':
      return [
        p(`经查，${y}申请公开的政府信息本机关已经主动公开。${basis}，现告知${y}获取该政府信息的方式和途径：`),
        ...ps(input.provided),
        ...reasons('说明：'),
      ];
    case 'disclosed.provided':
      return [p(`${y}申请公开的政府信息属于可以公开的政府信息。${basis}，本机关决定予以公开。`), ...ps(input.provided), delivery, ...reasons('说明：')];
    case 'partial':
      return [
        p(`${y}申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。${basis}，本机关对可以公开的部分予以公开，对其余部分不予公开。`),
        ...labelled('予以公开的部分：', input.provided),
        delivery,
        ...reasons('不予公开部分的理由：'),
      ];
    case 'withheld.state-secret':
      return withheld('属于依法确定为国家秘密的政府信息。');
    case 'withheld.law-prohibited':
      return withheld('属于法律、行政法规禁止公开的政府信息。');
    case 'withheld.three-safety':
      return withheld('公开后可能危及国家安全、公共安全、经济安全、社会稳定。');
    case 'withheld.third-party':
      return withheld('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。');
    case 'withheld.internal-affairs':
      return withheld('属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。');
    case 'withheld.process-info':
      return withheld('属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。');
    case 'withheld.enforcement-file':
      return withheld('属于行政执法案卷信息。');
    case 'withheld.administrative-query':
      return [
        p(`${y}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。${basis}，请${y}按照有关法律、行政法规的规定办理。`),
        ...reasons('说明：'),
      ];
    case 'unavailable.not-held': {
      const ref = input.referral;
      return [
        ref
          ? p(`经检索，本机关未制作或获取该政府信息，${y}申请公开的政府信息不属于本机关负责公开。${basis}，现告知${y}：该政府信息由${ref.agencyName}负责公开，联系方式：${ref.contact}。`)
          : p(`经检索，本机关未制作或获取该政府信息。${basis}，现告知${y}：${y}申请公开的政府信息不存在。`),
        ...reasons('说明：'),
      ];
    }
    case 'unavailable.needs-creation':
      return [
        p(`本机关没有${y}申请公开的现成政府信息，提供该信息需要对现有政府信息进行加工、分析。${basis}，本机关不予提供。`),
        ...reasons('说明：'),
      ];
    case 'unavailable.still-unclear':
      return [
        p(`本机关已一次性告知${y}需要补正的事项，经补正后${y}的申请内容仍不明确，本机关无法确定${y}申请公开的政府信息。${basis}，本机关无法提供。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.petition':
      return [
        p(`${y}提出的申请实质上属于信访、投诉、举报等诉求，不属于政府信息公开申请。${basis}，本机关不作为政府信息公开申请处理，${y}可以通过信访、投诉、举报等相应渠道提出。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.repeat':
      return [
        p(`${y}本次申请公开的政府信息，本机关已就${y}此前提出的相同申请作出答复，${y}重复申请公开相同的政府信息。${basis}，本机关不予重复处理。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.publication':
      return [
        p(`${y}申请获取的是政府公报、报刊、书籍等公开出版物。${basis}，本机关不作为政府信息公开申请处理，现告知${y}获取的途径：`),
        ...ps(input.provided),
        ...reasons('说明：'),
      ];
    case 'not-processed.excessive':
      return [
        p(`${y}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求${y}说明理由，${y}提出的理由不合理。${basis}，本机关不予处理。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.confirm-reissue':
      return [
        p(`${y}的申请系要求本机关确认或者重新出具${y}已经获取的政府信息，不属于政府信息公开申请。${basis}，本机关不予处理。`),
        ...reasons('说明：'),
      ];
    case 'other.correction-overdue':
      return [
        p(`本机关已一次性告知${y}需要补正的事项和补正期限，${y}无正当理由逾期未补正。${basis}，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`),
        ...reasons('说明：'),
      ];
    case 'other.fee-unpaid':
      return [
        p(`本机关已向${y}发出信息处理费收费通知书，${y}逾期未按收费通知要求缴纳费用。${basis}，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`),
        ...reasons('说明：'),
      ];
    case 'other.other':
      return [p(`${basis}，本机关对${y}的申请处理如下：`), ...ps(input.reasons)];
    default:
      throw new RangeError(`答复书没有此处理结果的模板 / no reply template for outcome ${o.code}`);
  }
}

function replyBlocks(input: ReplyLetterInput): Block[] {
  const o = outcomeOf(input.outcome);
  if (!o) throw new RangeError(`未知的处理结果 / unknown outcome code: ${input.outcome}`);
  return [
    p(`${receivedSentence(input)}${you(input.applicant)}申请公开“${input.request.title}”。经审查，现答复如下：`),
    ...decisionBlocks(input, o),
    reconsiderationFirst(o)
      ? p(`根据${APPEAL_BASIS_RECONSIDERATION_FIRST}的规定，${appealRightsSentence(input.reconsiderationBody, input.court, true)}`)
      : p(`根据${APPEAL_BASIS}的规定，${appealRightsSentence(input.reconsiderationBody, input.court)}`),
    p('特此答复。'),
  ];
}

// ---------------------------------------------------------------- the other letters

function correctionBlocks(input: CorrectionLetterInput): Block[] {
  const y = you(input.applicant);
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(`经审查，${y}的申请内容不明确。根据${REGULATION}第三十条的规定，现一次性告知${y}需要补正的事项如下：`),
    ...ps(input.whatToCorrect),
    p(`请${y}于${chineseDate(input.respondBy)}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起重新计算。`),
    p('无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    p('特此告知。'),
  ];
}

function extensionBlocks(input: ExtensionLetterInput): Block[] {
  const n = input.workingDays;
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new RangeError(`延长期限应为1–20个工作日（第三十三条第二款） / extension must be 1–20 working days, got ${n}`);
  const y = you(input.applicant);
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(`本机关不能在法定期限内作出答复，需要延长答复期限。`),
    ...labelled('延期理由：', input.reason),
    p(
      `根据${REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${n}个工作日，本机关将于${chineseDate(input.newDueDate)}前作出答复。`,
    ),
    p('特此告知。'),
  ];
}

function consultationBlocks(input: ConsultationLetterInput): Block[] {
  // Addressed to the party: the applicant is never named (the request title and description are not used either).
  const r = input.request;
  const asked = `本机关于${chineseDate(r.receivedOn)}收到政府信息公开申请（申请编号：${r.trackingNumber}），有申请人申请公开以下政府信息：`;
  const replyBy = chineseDate(input.replyBy);
  if (input.party.isAgency) {
    return [
      p(asked),
      ...ps(input.infoSummary),
      p(`该政府信息涉及贵单位。根据${REGULATION}第三十四条的规定，现征求贵单位对公开该政府信息的意见。`),
      p(`请贵单位自收到本函之日起15个工作日内（于${replyBy}前）书面回复意见；不同意公开的，请说明理由。逾期未提出意见的，视为同意公开。`),
      p('特此函询。'),
    ];
  }
  return [
    p(asked),
    ...ps(input.infoSummary),
    p(`经审查，公开该政府信息可能损害你方的合法权益。根据${REGULATION}第三十二条的规定，现书面征求你方意见。`),
    p(`请你方自收到本函之日起15个工作日内（于${replyBy}前）书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。`),
    p(`你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。`),
    p('特此函询。'),
  ];
}

const FREE = '免费';
const FEE_METHOD: Readonly<Record<FeeNoticeLetterInput['method'], { fee: Fee['method']; label: string }>> = {
  'per-request': { fee: '按件', label: '按件计收（同一申请人一个自然月内累计申请件数）' },
  'per-page': { fee: '按量', label: '按量计收（本申请提供政府信息的页数）' },
};

function feeTable(input: FeeNoticeLetterInput): Table {
  const perPage = input.method === 'per-page';
  const unit = perPage ? '页' : '件';
  const band = (from: number, to: number) => (from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`);
  return {
    caption: '信息处理费计算明细',
    head: [perPage ? '页数区间' : '申请件次', '数量', '收费标准', '金额'],
    rows: input.fee.lines.map((l) => [band(l.from, l.to), `${l.units}${unit}`, l.rate === 0 ? FREE : `${l.rate}元/${unit}`, yuan(l.amount)]),
    foot: ['合计', '', '', yuan(input.fee.amount)],
  };
}

function feeNoticeBlocks(input: FeeNoticeLetterInput): Block[] {
  const m = FEE_METHOD[input.method];
  if (input.fee.method !== m.fee) throw new RangeError(`收费方式与计算结果不一致 / method ${input.method} does not match a ${input.fee.method} fee`);
  const y = you(input.applicant);
  const total = input.fee.amount;
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(
      `经审查，${y}申请公开政府信息的数量、频次明显超过合理范围。根据${REGULATION}第四十二条和${FEE_MEASURE}的规定，本机关决定对该申请收取信息处理费。`,
    ),
    p(`计收方式：${m.label}，按超额累进方式计算，明细如下：`),
    { table: feeTable(input) },
    p(`应缴纳信息处理费合计人民币${yuan(total)}（大写：${yuanInWords(total)}）。`),
    p(`请${y}于${chineseDate(input.payBy)}前缴纳。`),
    ...labelled('缴费方式：', input.payment),
    p('逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    p('特此通知。'),
  ];
}

function acknowledgementBlocks(input: AcknowledgementLetterInput): Block[] {
  const r = input.request;
  const y = you(input.applicant);
  return [
    p(`${y}于${chineseDate(r.submittedOn)}提出的政府信息公开申请，本机关已收到。`),
    p(`申请编号：${r.trackingNumber}`),
    p(`收到申请日期：${chineseDate(r.receivedOn)}（依照${REGULATION}第三十一条确定）`),
    p(`申请公开的政府信息：“${r.title}”`),
    ...labelled('内容描述：', r.description),
    p(`本机关将在${chineseDate(input.dueDate)}前答复（法定期限：自收到申请之日起20个工作日，${REGULATION}第三十三条）。`),
    p(
      `申请内容需要补正的，答复期限自本机关收到补正后的申请之日起重新计算；征求第三方或者其他机关意见所需时间不计算在答复期限内；需要延长答复期限的，本机关将另行书面告知。`,
    ),
    p('请妥善保管本回执，凭申请编号查询办理进度。'),
  ];
}

/** The letter as a document model (what both renderings show). */
export function buildLetter(input: LetterInput): LetterDocument {
  let blocks: Block[];
  switch (input.kind) {
    case 'reply':
      blocks = replyBlocks(input);
      break;
    case 'correction':
      blocks = correctionBlocks(input);
      break;
    case 'extension':
      blocks = extensionBlocks(input);
      break;
    case 'consultation':
      blocks = consultationBlocks(input);
      break;
    case 'fee-notice':
      blocks = feeNoticeBlocks(input);
      break;
    case 'acknowledgement':
      blocks = acknowledgementBlocks(input);
      break;
  }
  // the consultation letter goes to the party consulted, never to the applicant
  const salutation = input.kind === 'consultation' ? `${input.party.name}：` : `${input.applicant.name}：`;
  return {
    kind: input.kind,
    agencyName: input.agency.name,
    title: letterTitle(input),
    number: input.number,
    salutation,
    blocks,
    signature: input.agency.name,
    date: chineseDate(input.issuedOn),
    contact: contactLine(input.agency),
  };
}

// ---------------------------------------------------------------- HTML

function TableView({ t }: { t: Table }) {
  return (
    <table class="letter-table">
      <caption>{t.caption}</caption>
      <thead>
        <tr>
          {t.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((row) => (
          <tr>
            {row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t.foot[0]}</th>
          <td colSpan={t.foot.length - 2} />
          <td>{t.foot.at(-1)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function LetterPage({ doc }: { doc: LetterDocument }): VNode {
  return (
    <html lang="zh-Hans">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.agencyName}${doc.title}（${doc.number}）`}</title>
        <link rel="stylesheet" href="/static/letter.css" />
      </head>
      <body class={`letter letter-${doc.kind}`}>
        <p class="letter-hint screen-only">打印本文书：请使用浏览器的打印功能（Ctrl+P），纸张选择A4。</p>
        <main class="sheet">
          <header class="letter-head">
            <h1>
              <span class="letter-agency">{doc.agencyName}</span>
              <span class="letter-title">{doc.title}</span>
            </h1>
            <p class="letter-number">{doc.number}</p>
          </header>
          <p class="letter-salutation">{doc.salutation}</p>
          <div class="letter-body">{doc.blocks.map((b) => ('p' in b ? <p>{b.p}</p> : <TableView t={b.table} />))}</div>
          <div class="letter-sign">
            <p class="letter-signature">{doc.signature}</p>
            <p class="letter-date">{doc.date}</p>
          </div>
          <p class="letter-contact">{doc.contact}</p>
        </main>
      </body>
    </html>
  );
}

/** The letter as a complete standalone HTML document (all input escaped). */
export function renderLetter(input: LetterInput): string {
  return `<!DOCTYPE html>${render(<LetterPage doc={buildLetter(input)} />)}`;
}

// ---------------------------------------------------------------- plain text

/** Two full-width spaces: the indent of a paragraph (首行缩进二字). */
const INDENT = '\u3000\u3000';

/** Display width in columns: CJK and full-width forms count 2. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}
/** 28 characters a line (GB/T 9704: 每行28字). */
const LINE_COLUMNS = 56;
const centre = (s: string) => ' '.repeat(Math.max(0, Math.floor((LINE_COLUMNS - width(s)) / 2))) + s;
// 成文日期右空四字; the signature is centred over the date.
const SIGN_RIGHT = 8;

function tableText(t: Table): string[] {
  const lines = [`${t.caption}：`];
  for (const [band, units, rate, amount] of t.rows) lines.push(rate === FREE ? `${INDENT}${band}：${units}，${FREE}` : `${INDENT}${band}：${units} × ${rate} = ${amount}`);
  lines.push(`${INDENT}${t.foot[0]!}：${t.foot.at(-1)!}`);
  return lines;
}

/** The same letter as plain text (CLI, e-mail, storage). */
export function letterPlainText(input: LetterInput): string {
  const doc = buildLetter(input);
  const dateCol = LINE_COLUMNS - SIGN_RIGHT - width(doc.date);
  const signCol = Math.max(0, dateCol + Math.floor((width(doc.date) - width(doc.signature)) / 2));
  const lines = [
    centre(doc.agencyName),
    centre(doc.title),
    centre(doc.number),
    '',
    doc.salutation,
    ...doc.blocks.flatMap((b) => ('p' in b ? [`${INDENT}${b.p}`] : tableText(b.table))),
    '',
    ' '.repeat(signCol) + doc.signature,
    ' '.repeat(Math.max(0, dateCol)) + doc.date,
    '',
    `${INDENT}${doc.contact}`,
  ];
  return `${lines.join('\n')}\n`;
}
