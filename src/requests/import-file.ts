/**
 * Historical request registers (依申请公开登记台账) from CSV or XLSX, parsed into validated rows
 * for `gongkai requests import`. Pure: bytes in, rows and problems out; no database, no clock.
 *
 * The column layout is `IMPORT_COLUMNS` (documented in docs/requests-import.md). Every problem in
 * the file is reported with its line (CSV) or row number (XLSX) and the column's header text as
 * written in the file; a row with any problem is left out of `rows`. Line 0 means the file as a
 * whole (too large, unreadable). Whether rows are imported while problems remain is the CLI's
 * decision (`--skip-invalid`), not this module's.
 *
 * The file is read into cells by import-read.ts (CSV via platform/files/csv.ts); the cell values
 * (vocabularies, dates, appeals) are parsed by import-values.ts.
 */
import type { IsoDate } from '../platform/calendar/model.js';
import { readTable, RowCheck, valueKey, type ColumnSpec, type ImportFormat, type ImportProblem } from '../platform/files/table-import.js';
import { APPLICANT_UMBRELLA, APPLICANT_VALUES, CHANNEL_VALUES, readAppeals, resolveOutcome } from './import-values.js';
import type { AppealKind, AppealResult, ApplicantType, Channel } from './model.js';

export { parseCsv } from '../platform/files/csv.js';
export type { ImportProblem } from '../platform/files/table-import.js';

export interface ImportedAppeal {
  kind: AppealKind;
  result: AppealResult;
  filedOn: IsoDate | null;
  concludedOn: IsoDate | null;
}

export interface ImportedRequest {
  /** 1-based line (CSV; where a multi-line record starts) or row number (XLSX) of the data row */
  line: number;
  /** 原登记编号 ('' when absent) */
  externalNumber: string;
  receivedOn: IsoDate;
  channel: Channel;
  applicantType: ApplicantType;
  title: string;
  /** an OUTCOME_REASONS code; null when the request was still open (结转) */
  outcome: string | null;
  /** 答复日期: given exactly when `outcome` is */
  closedOn: IsoDate | null;
  /** 延期工作日 0–20 (条例 第三十三条) */
  extensionDays: number;
  appeals: ImportedAppeal[];
}

export interface ImportParseResult {
  rows: ImportedRequest[];
  problems: ImportProblem[];
  format: ImportFormat;
}

export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_TITLE_CHARS = 500;
export const MAX_EXTERNAL_NUMBER_CHARS = 100;
/** 条例 第三十三条: the answer period may be extended by at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;

// ---------------------------------------------------------------- the column layout

export type ImportColumnKey =
  | 'externalNumber'
  | 'receivedOn'
  | 'channel'
  | 'applicantType'
  | 'title'
  | 'outcome'
  | 'closedOn'
  | 'extensionDays'
  | 'reconsideration'
  | 'reconsiderationFiledOn'
  | 'reconsiderationConcludedOn'
  | 'litigation'
  | 'litigationKind'
  | 'litigationFiledOn'
  | 'litigationConcludedOn';

/** A column of the layout; `required` = the header must be present (答复日期 stays empty for an open request). */
export type ImportColumn = ColumnSpec<ImportColumnKey>;

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'externalNumber', zh: '原登记编号', aliases: ['登记编号', '原编号', '申请编号', '受理编号', '编号'], required: false, help: '原台账中的编号，可空；同一文件内不得重复（≤ 100 字） / the number in the old register, optional; unique within the file' },
  { key: 'receivedOn', zh: '收到申请日期', aliases: ['收到日期', '申请日期', '收件日期'], required: true, help: '必填日期 / required date' },
  { key: 'channel', zh: '申请渠道', aliases: ['申请方式', '提交方式', '渠道'], required: true, help: '网上、当面、邮寄（挂号信、EMS）、平信、传真、电子邮件 / how the request arrived' },
  { key: 'applicantType', zh: '申请人类型', aliases: ['申请人身份', '申请人类别', '申请主体类型'], required: true, help: '自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（不接受笼统的“法人”） / applicant kind as in annual-report table 三' },
  { key: 'title', zh: '申请内容', aliases: ['申请公开的内容', '申请公开内容', '申请事项', '所需信息内容描述'], required: true, help: `必填，≤ ${MAX_TITLE_CHARS} 字 / required, at most ${MAX_TITLE_CHARS} characters` },
  { key: 'outcome', zh: '办理结果', aliases: ['答复结果', '处理结果', '办理情况', '答复类型'], required: true, help: '年报表三的情形，如“予以公开”“不予公开·属于国家秘密”；空 = 未办结（结转） / the outcome (table 三 row); empty = still open' },
  { key: 'closedOn', zh: '答复日期', aliases: ['办结日期', '答复时间', '办结时间'], required: true, help: '填写办理结果时必填，不得早于收到申请日期；未办结时留空 / required with an outcome, empty for an open request' },
  { key: 'extensionDays', zh: '延期工作日', aliases: ['延期天数', '延长工作日', '延期'], required: false, help: `0–${MAX_EXTENSION_DAYS} 的整数，空 = 0（条例第三十三条） / whole number 0–${MAX_EXTENSION_DAYS}, empty = 0` },
  { key: 'reconsideration', zh: '行政复议结果', aliases: ['复议结果'], required: false, help: '维持、纠正、其他、尚未审结；空 = 无复议 / empty = no reconsideration' },
  { key: 'reconsiderationFiledOn', zh: '复议申请日期', aliases: ['申请复议日期'], required: false, help: '可空 / optional date' },
  { key: 'reconsiderationConcludedOn', zh: '复议决定日期', aliases: ['复议办结日期', '复议结案日期'], required: false, help: '可空；尚未审结时不填 / optional; not with 尚未审结' },
  { key: 'litigation', zh: '行政诉讼结果', aliases: ['诉讼结果'], required: false, help: '维持、纠正、其他、尚未审结；空 = 无诉讼 / empty = no litigation' },
  { key: 'litigationKind', zh: '诉讼类型', aliases: ['起诉方式', '诉讼方式'], required: false, help: '直接起诉（默认）或复议后起诉（须有行政复议结果） / direct (default) or after reconsideration' },
  { key: 'litigationFiledOn', zh: '起诉日期', aliases: ['起诉时间'], required: false, help: '可空 / optional date' },
  { key: 'litigationConcludedOn', zh: '诉讼审结日期', aliases: ['诉讼结案日期', '审结日期'], required: false, help: '可空；尚未审结时不填 / optional; not with 尚未审结' },
];

// ---------------------------------------------------------------- the register

/**
 * Parses a register. `fileName` picks the format (.csv/.tsv/.txt or .xlsx), the bytes decide
 * when they disagree (a workbook saved as .csv is still read as a workbook).
 */
export function parseRegister(bytes: Uint8Array, fileName: string): ImportParseResult {
  const read = readTable(bytes, fileName, IMPORT_COLUMNS, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
  if ('problem' in read) return { rows: [], problems: [read.problem], format: read.format };
  const problems = [...read.problems];
  const rows: ImportedRequest[] = [];
  const seenNumbers = new Map<string, number>();
  for (const row of read.data) {
    const r = new RowCheck(row, read.layout, problems);
    const imported = validateRow(r, seenNumbers);
    if (imported && r.ok) rows.push(imported);
  }
  return { rows, problems, format: read.format };
}

/** One data row's values, or null when a value is unusable (its problems are reported on `r`). */
function validateRow(r: RowCheck<ImportColumnKey>, seenNumbers: Map<string, number>): ImportedRequest | null {
  const row = r.row;
  const externalNumber = r.text('externalNumber');
  if (externalNumber.length > MAX_EXTERNAL_NUMBER_CHARS && [...externalNumber].length > MAX_EXTERNAL_NUMBER_CHARS) r.report('externalNumber', `不得超过 ${MAX_EXTERNAL_NUMBER_CHARS} 字`, `at most ${MAX_EXTERNAL_NUMBER_CHARS} characters`);
  else if (externalNumber !== '') {
    const first = seenNumbers.get(externalNumber);
    if (first !== undefined) r.report('externalNumber', `与第 ${first} 行的编号重复`, `duplicates the number on line ${first}`);
    else seenNumbers.set(externalNumber, row.line);
  }

  const receivedOn = r.required('receivedOn') ? r.date('receivedOn') : null;
  const channel = r.required('channel')
    ? r.lookup('channel', CHANNEL_VALUES, '可填：网上、当面、邮寄（挂号信、EMS）、平信、传真、电子邮件', 'unknown channel: use 网上, 当面, 邮寄, 平信, 传真 or 电子邮件')
    : null;

  let applicantType: ApplicantType | null = null;
  if (r.required('applicantType')) {
    const given = r.text('applicantType');
    if (APPLICANT_UMBRELLA.has(valueKey(given))) {
    r.report('applicantType', `“${given}”不够具体，请写明法人或其他组织的类别：商业企业、科研机构、社会公益组织、法律服务机构或其他`, 'too general: give the kind of organisation (商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他)');
    } else {
    applicantType = r.lookup('applicantType', APPLICANT_VALUES, '可填：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他', 'unknown applicant type: use 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他');
    }
  }

  const title = r.cell('title').text.replace(/\r\n?/g, '\n').trim();
  const titleChars = title.length > MAX_TITLE_CHARS ? [...title].length : title.length; // code points
  if (r.required('title') && titleChars > MAX_TITLE_CHARS) r.report('title', `不得超过 ${MAX_TITLE_CHARS} 字（现为 ${titleChars} 字）`, `at most ${MAX_TITLE_CHARS} characters (has ${titleChars})`);

  let outcome: string | null = null;
  const hasOutcome = r.has('outcome');
  if (hasOutcome) {
    const o = resolveOutcome(r.text('outcome'));
    if ('value' in o) outcome = o.value;
    else r.report('outcome', o.zh, o.en);
  }
  const closedOn = r.date('closedOn');
  if (hasOutcome && !r.has('closedOn')) r.report('closedOn', '已填写办理结果，答复日期必填', 'required when an outcome is given');
  if (!hasOutcome && r.has('closedOn')) r.report('outcome', '已填写答复日期，办理结果必填（未办结的申请两者都留空）', 'required when a closedOn date is given (leave both empty for a request still open)');
  if (receivedOn !== null && closedOn !== null && closedOn < receivedOn) r.report('closedOn', `答复日期早于收到申请日期（${receivedOn}）`, `earlier than receivedOn (${receivedOn})`);

  const extensionDays =
    r.integer('extensionDays', 0, MAX_EXTENSION_DAYS, `应为 0–${MAX_EXTENSION_DAYS} 的整数（条例第三十三条：延长期限最长不超过 20 个工作日）`, `must be a whole number 0–${MAX_EXTENSION_DAYS} (条例 第三十三条)`) ?? 0;
  const appeals = readAppeals(r, receivedOn);
  if (receivedOn === null || channel === null || applicantType === null) return null;
  return { line: row.line, externalNumber, receivedOn, channel, applicantType, title, outcome, closedOn, extensionDays, appeals };
}
