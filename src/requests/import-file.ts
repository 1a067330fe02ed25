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
import { isZip } from '../platform/files/zip.js';
import { fileProblem, isOle2, MAX_IMPORT_ROWS, MAX_TITLE_ROWS, readCsv, readXlsx, tooManyRows, type Cell, type TableRow } from './import-read.js';
import { APPLICANT_UMBRELLA, APPLICANT_VALUES, CHANNEL_VALUES, parseDate, readAppeals, resolveOutcome, valueKey } from './import-values.js';
import type { AppealKind, AppealResult, ApplicantType, Channel } from './model.js';

export { parseCsv } from '../platform/files/csv.js';
export { MAX_IMPORT_ROWS } from './import-read.js';

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

// MAX_IMPORT_ROWS and MAX_TITLE_ROWS live in import-read.ts, with the reading they bound.
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
