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
 *
 * This module holds the inputs, the document model and its two renderings; the wording lives in
 * letter-text.ts (shared phrases), letter-reply.ts (答复书) and letter-procedural.ts (the other letters).
 */
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { IsoDate } from '../platform/calendar/model.js';
import type { Fee } from './fees.js';
import { acknowledgementBlocks, consultationBlocks, correctionBlocks, extensionBlocks, feeNoticeBlocks, FREE } from './letter-procedural.js';
import { replyBlocks } from './letter-reply.js';
import { chineseDate, type Block, type Table } from './letter-text.js';
import type { DeliveryForm, DeliveryMethod } from './model.js';

export { appealRightsSentence } from './letter-reply.js';
export { chineseDate, paragraphs, yuanInWords } from './letter-text.js';

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

// ---------------------------------------------------------------- the document model

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
