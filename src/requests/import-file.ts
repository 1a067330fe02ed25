/**
 * Historical request registers (依申请公开登记台账) from CSV or XLSX, parsed into validated rows
 * for `gongkai requests import`. Pure: bytes in, rows and problems out; no database, no clock.
 *
 * The column layout is `IMPORT_COLUMNS` (documented in docs/requests-import.md). Every problem in
 * the file is reported with its line (CSV) or row number (XLSX) and the column's header text as
 * written in the file; a row with any problem is left out of `rows`. Line 0 means the file as a
 * whole (too large, unreadable). Whether rows are imported while problems remain is the CLI's
 * decision (`--skip-invalid`), not this module's.
 */
import { isIsoDate, type IsoDate } from '../platform/calendar/model.js';
import { readFirstSheet, serialToIsoDate, XlsxError } from '../platform/files/xlsx.js';
import { isZip } from '../platform/files/zip.js';
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

/** `line` 0 is the file as a whole; `column` is the header text as written ('' for the file). */
export interface ImportProblem {
  line: number;
  column: string;
  /** "中文 / English" */
  reason: string;
}

export interface ImportParseResult {
  rows: ImportedRequest[];
  problems: ImportProblem[];
  format: 'csv' | 'xlsx';
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
export const MAX_TITLE_CHARS = 500;
export const MAX_EXTERNAL_NUMBER_CHARS = 100;
/** 条例 第三十三条: the answer period may be extended by at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;
/** Title rows (e.g. "XX局2024年依申请公开登记台账") that may stand above the header row. */
const MAX_TITLE_ROWS = 10;

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

export interface ImportColumn {
  key: ImportColumnKey;
  /** the header as the template writes it */
  zh: string;
  /** other headers accepted for this column */
  aliases: string[];
  /** the header must be present (a value may still be optional, e.g. 答复日期 for an open request) */
  required: boolean;
  help: string;
}

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

/** Header text folded for matching: NFKC, no spaces, lower case, required/optional marks dropped. */
function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\((必填|选填|可选|必填项|可空)\)$/, '')
    .replace(/^\*+|\*+$/g, '');
}

const COLUMN_BY_HEADER = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) for (const h of [c.key, c.zh, ...c.aliases]) COLUMN_BY_HEADER.set(headerKey(h), c);

// ---------------------------------------------------------------- vocabularies

/** Values folded for matching: NFKC, lower case, no spaces or quotation marks. */
function valueKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s"'“”‘’「」『』]/g, '');
}

function vocabulary<T extends string>(entries: Iterable<[string, T]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of entries) m.set(valueKey(k), v);
  return m;
}

const CHANNEL_VALUES = vocabulary<Channel>([
  ...CHANNELS.map((c): [string, Channel] => [c, c]),
  ...CHANNELS.map((c): [string, Channel] => [CHANNEL_LABELS[c], c]),
  ...(['网上', '网络', '在线', '网上申请', '在线申请', '网络申请'] as const).map((s): [string, Channel] => [s, 'online']),
  ...(['当面', '当面申请', '现场', '现场申请'] as const).map((s): [string, Channel] => [s, 'in-person']),
  ...(['邮寄', '挂号信', 'EMS', '邮政EMS', '快递'] as const).map((s): [string, Channel] => [s, 'post-signed']),
  ...(['平信', '平常信函', '普通信函'] as const).map((s): [string, Channel] => [s, 'post-ordinary']),
  ...(['电子邮件', '邮箱', '电子邮箱', '电邮', 'e-mail'] as const).map((s): [string, Channel] => [s, 'email']),
]);

const APPLICANT_VALUES = vocabulary<ApplicantType>([
  ...APPLICANT_TYPES.map((t): [string, ApplicantType] => [t, t]),
  ...APPLICANT_TYPES.map((t): [string, ApplicantType] => [APPLICANT_TYPE_LABELS[t], t]),
  ['个人', 'natural'],
  ['公民', 'natural'],
]);
/** Umbrella words for 法人或其他组织: the report needs the kind, so these are refused. */
const APPLICANT_UMBRELLA = new Set(['法人', '法人或其他组织', '法人和其他组织', '其他组织', '企业', '单位', '组织', '机构'].map(valueKey));

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

type Resolved<T> = { value: T } | { zh: string; en: string };

const subReasonList = (g: OutcomeGroup): string =>
  OUTCOME_REASONS.filter((o) => o.group === g)
    .map((o) => o.label)
    .join('、');

/** An OUTCOME_REASONS code for what the register wrote. `text` is not empty. */
function resolveOutcome(text: string): Resolved<string> {
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

// ---------------------------------------------------------------- cells and dates

/** A cell as read: its text, and for XLSX numbers the number itself. */
interface Cell {
  text: string;
  num?: number;
}

interface TableRow {
  line: number;
  cells: Cell[];
}

interface Table {
  rows: TableRow[];
  date1904: boolean;
}

const DATE_PARTS_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_CJK_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;

function parseDate(cell: Cell, date1904: boolean): Resolved<IsoDate> {
  if (cell.num !== undefined) {
    // A number in a date column is an Excel serial, whether or not the cell is styled as a date.
    const d = serialToIsoDate(cell.num, date1904);
    return d !== null ? { value: d } : { zh: `“${cell.text}”不是有效的 Excel 日期`, en: 'not a valid Excel date serial' };
  }
  const t = cell.text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const m = DATE_PARTS_RE.exec(t) ?? DATE_CJK_RE.exec(t.replace(/ /g, ''));
  if (!m) {
    return { zh: `日期格式无法识别“${cell.text}”，请写成 2024-03-15、2024/3/15、2024.3.15 或 2024年3月15日`, en: 'unrecognised date: write 2024-03-15, 2024/3/15, 2024.3.15 or 2024年3月15日' };
  }
  const [y, mo, d] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
  const iso = `${y ?? ''}-${(mo ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? { value: iso } : { zh: `“${cell.text}”不是真实存在的日期`, en: 'no such calendar date' };
}

const numberText = (n: number): string => String(Number(n.toPrecision(15)));

// ---------------------------------------------------------------- reading the file

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Excel in China saves CSV in GBK). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180, leniently: quotes only open a field, CRLF/LF/CR all end a record. */
export function parseCsv(text: string, delimiter: string): { records: CsvRecord[]; unterminatedAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false; // the current field was quoted: text after the closing quote is kept as is
  let line = 1;
  let recordLine = 1;
  const endField = (): void => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
      } else field += c;
    } else if (c === '"' && !quoted && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      field = '';
    } else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records, unterminatedAt: recordLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, unterminatedAt: undefined };
}

function chooseDelimiter(text: string, fileName: string): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  for (const l of text.split(/\r\n|\r|\n/, MAX_TITLE_ROWS + 1)) {
    if (l.includes(',')) return ',';
    if (l.includes('\t')) return '\t';
  }
  return ',';
}

type Read = { table: Table } | { problem: ImportProblem };

const fileProblem = (zh: string, en: string): { problem: ImportProblem } => ({ problem: { line: 0, column: '', reason: `${zh} / ${en}` } });
const tooManyRows = (): { problem: ImportProblem } =>
  fileProblem(`数据行超过 ${MAX_IMPORT_ROWS.toLocaleString('en')} 行，请拆分后分批导入`, `more than ${MAX_IMPORT_ROWS.toLocaleString('en')} data rows: split the file`);

function readCsv(bytes: Uint8Array, fileName: string): Read {
  const text = decodeText(bytes);
  const { records, unterminatedAt } = parseCsv(text, chooseDelimiter(text, fileName));
  if (unterminatedAt !== undefined) {
    return { problem: { line: unterminatedAt, column: '', reason: '引号未闭合：从这一行起的单元格缺少结束的双引号 / unterminated quoted field starting on this line' } };
  }
  return { table: { rows: records.map((r) => ({ line: r.line, cells: r.fields.map((text) => ({ text })) })), date1904: false } };
}

function readXlsx(bytes: Uint8Array): Read {
  try {
    const sheet = readFirstSheet(bytes, { maxRows: MAX_IMPORT_ROWS + MAX_TITLE_ROWS + 1 });
    if (sheet.rowLimitHit) return tooManyRows();
    const rows = sheet.rows.map((r) => ({
      line: r.number,
      cells: r.cells.map((v): Cell => {
        if (typeof v === 'number') return { text: numberText(v), num: v };
        if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
        return { text: v ?? '' };
      }),
    }));
    return { table: { rows, date1904: sheet.date1904 } };
  } catch (e) {
    if (e instanceof XlsxError) return fileProblem(e.zh, e.en);
    throw e;
  }
}

const isOle2 = (b: Uint8Array): boolean => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

// ---------------------------------------------------------------- the register

const isBlank = (row: TableRow): boolean => row.cells.every((c) => c.text.trim() === '');

/** The header row: the first non-empty row, unless a later one among the first few names ≥ 2 columns. */
function findHeader(rows: TableRow[]): number {
  const recognised = (r: TableRow): number => r.cells.filter((c) => COLUMN_BY_HEADER.has(headerKey(c.text))).length;
  const candidates = rows.slice(0, MAX_TITLE_ROWS);
  const best = candidates.findIndex((r) => recognised(r) >= 2);
  return best >= 0 ? best : 0;
}

/**
 * Parses a register. `fileName` picks the format (.csv/.tsv/.txt or .xlsx), the bytes decide
 * when they disagree (a workbook saved as .csv is still read as a workbook).
 */
export function parseRegister(bytes: Uint8Array, fileName: string): ImportParseResult {
  const spreadsheet = isZip(bytes) || isOle2(bytes) || /\.xls[xm]$/i.test(fileName);
  const format = spreadsheet ? 'xlsx' : 'csv';
  const fail = (p: { problem: ImportProblem }): ImportParseResult => ({ rows: [], problems: [p.problem], format });
  if (bytes.length > MAX_IMPORT_BYTES) return fail(fileProblem('文件超过 20 MB，请拆分后分批导入', 'the file is larger than 20 MB: split it'));
  if (isOle2(bytes)) {
    return fail(fileProblem('不支持 Excel 97-2003 工作簿（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV', 'Excel 97-2003 workbooks (.xls) are not supported: save as .xlsx or CSV'));
  }
  const read = spreadsheet ? readXlsx(bytes) : readCsv(bytes, fileName);
  if ('problem' in read) return fail(read);
  const rows = read.table.rows.filter((r) => !isBlank(r));
  if (rows.length === 0) return fail({ problem: { line: 1, column: '', reason: '文件中没有表头行 / the file has no header row' } });
  const headerAt = findHeader(rows);
  const data = rows.slice(headerAt + 1);
  if (data.length > MAX_IMPORT_ROWS) return fail(tooManyRows());
  const header = rows[headerAt] as TableRow;
  return { ...validate(header, data, read.table.date1904), format };
}

/** Where each known column sits, and the header text it was found under. */
interface Layout {
  columnAt: Map<ImportColumnKey, number>;
  headerText: Map<ImportColumnKey, string>;
  date1904: boolean;
}

const COLUMN_ZH = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.zh]));

/** One data row being checked: cell access and problem reporting for its line. */
class RowCheck {
  problems = 0;
  constructor(
    readonly row: TableRow,
    private readonly layout: Layout,
    private readonly out: ImportProblem[],
  ) {}

  cell(key: ImportColumnKey): Cell {
    const i = this.layout.columnAt.get(key);
    return i === undefined ? { text: '' } : (this.row.cells[i] ?? { text: '' });
  }

  text(key: ImportColumnKey): string {
    return this.cell(key).text.trim();
  }

  has(key: ImportColumnKey): boolean {
    return this.text(key) !== '';
  }

  report(key: ImportColumnKey, zh: string, en: string): void {
    this.problems++;
    this.out.push({ line: this.row.line, column: this.layout.headerText.get(key) ?? COLUMN_ZH.get(key) ?? key, reason: `${zh} / ${en}` });
  }

  /** True when the value is there; reports it as missing when its column is (a missing column is reported once, on the header). */
  required(key: ImportColumnKey): boolean {
    if (this.has(key)) return true;
    if (this.layout.columnAt.has(key)) this.report(key, '必填', 'required');
    return false;
  }

  date(key: ImportColumnKey): IsoDate | null {
    if (!this.has(key)) return null;
    const r = parseDate(this.cell(key), this.layout.date1904);
    if ('value' in r) return r.value;
    this.report(key, r.zh, r.en);
    return null;
  }

  lookup<T>(key: ImportColumnKey, vocab: Map<string, T>, zh: string, en: string): T | null {
    const v = vocab.get(valueKey(this.text(key)));
    if (v === undefined) this.report(key, `无法识别“${this.text(key)}”；${zh}`, en);
    return v ?? null;
  }
}

function validate(header: TableRow, data: TableRow[], date1904: boolean): { rows: ImportedRequest[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const layout: Layout = { columnAt: new Map(), headerText: new Map(), date1904 };
  const { columnAt, headerText } = layout;
  const ignored = new Set<number>(); // unknown or duplicate columns: reported once, values ignored
  header.cells.forEach((cell, i) => {
    const text = cell.text.trim();
    if (text === '') return;
    const col = COLUMN_BY_HEADER.get(headerKey(text));
    if (!col) {
      problems.push({ line: header.line, column: text, reason: '未知列 / unknown column' });
      ignored.add(i);
    } else if (columnAt.has(col.key)) {
      const first = headerText.get(col.key) ?? col.zh;
      problems.push({ line: header.line, column: text, reason: `重复的列：与“${first}”是同一列 / duplicate column: same as "${first}"` });
      ignored.add(i);
    } else {
      columnAt.set(col.key, i);
      headerText.set(col.key, text);
    }
  });
  const mapped = new Set(columnAt.values());
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columnAt.has(c.key));
  for (const c of missing) problems.push({ line: header.line, column: c.zh, reason: '缺少必填列 / required column missing' });

  const rows: ImportedRequest[] = [];
  const seenNumbers = new Map<string, number>();
  for (const row of data) {
    const r = new RowCheck(row, layout, problems);

    // Values in columns without a header would be silently lost.
    row.cells.forEach((cell, i) => {
      if (cell.text.trim() === '' || ignored.has(i) || mapped.has(i)) return;
      r.problems++;
      problems.push({ line: row.line, column: `第 ${i + 1} 列 / column ${i + 1}`, reason: '这一列没有表头，内容无法导入 / this column has no header, its value cannot be imported' });
    });

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

    let extensionDays = 0;
    if (r.has('extensionDays')) {
      const cell = r.cell('extensionDays');
      const digits = cell.text.normalize('NFKC').trim().replace(/\s*(个?工作日|天|日)$/, '');
      const n = cell.num ?? (/^\d{1,3}$/.test(digits) ? Number(digits) : NaN);
      if (Number.isInteger(n) && n >= 0 && n <= MAX_EXTENSION_DAYS) extensionDays = n;
      else r.report('extensionDays', `应为 0–${MAX_EXTENSION_DAYS} 的整数（条例第三十三条：延长期限最长不超过 20 个工作日）`, `must be a whole number 0–${MAX_EXTENSION_DAYS} (条例 第三十三条)`);
    }

    const appeals = readAppeals(r, receivedOn);

    if (r.problems === 0 && missing.length === 0 && receivedOn !== null && channel !== null && applicantType !== null) {
      rows.push({ line: row.line, externalNumber, receivedOn, channel, applicantType, title, outcome, closedOn, extensionDays, appeals });
    }
  }
  return { rows, problems };
}

/** The appeals of one row; problems go to `r` (the row is then left out). 无, / and - mean none. */
function readAppeals(r: RowCheck, receivedOn: IsoDate | null): ImportedAppeal[] {
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
