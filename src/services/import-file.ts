/**
 * Service items (办事指南) from and to a spreadsheet, one row per item, in the column layout
 * `ITEM_COLUMNS` (documented in docs/services-import.md). Pure: bytes in, items and problems out;
 * which agency codes exist and which items are new is checked by transfer.ts against the database.
 *
 * Lists inside a cell are one entry per line: materials as `名称｜形式｜份数｜必要性｜来源｜格式`,
 * steps one per line, FAQ as `问：…` / `答：…` lines. The export writes exactly this layout, so a
 * file exported, edited in Excel and imported again changes only what was edited.
 */
import type { IsoDate } from '../platform/calendar/model.js';
import { readTable, RowCheck, valueKey, type ColumnSpec, type ImportFormat, type ImportProblem } from '../platform/files/table-import.js';
import { CHANGE_KINDS, CHANGE_LABELS, changeSchema, ITEM_TYPES, serviceItemSchema, VISITS, type ChangeKind, type Material, type ServiceItemInput } from './model.js';

export type { ImportProblem } from '../platform/files/table-import.js';

export const MAX_ITEM_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_ITEM_IMPORT_ROWS = 20_000;

export type ItemColumnKey =
  | 'code'
  | 'name'
  | 'type'
  | 'agency'
  | 'legalBasis'
  | 'conditions'
  | 'materials'
  | 'steps'
  | 'statutoryDays'
  | 'promisedDays'
  | 'fees'
  | 'feeBasis'
  | 'place'
  | 'hours'
  | 'phone'
  | 'onlineUrl'
  | 'visits'
  | 'events'
  | 'faq'
  | 'changeKind'
  | 'changeOn'
  | 'changeReason'
  | 'changeDocument'
  | 'changeTarget';

const col = (key: ItemColumnKey, zh: string, aliases: string[], required: boolean, help: string): ColumnSpec<ItemColumnKey> => ({ key, zh, aliases, required, help });

export const ITEM_COLUMNS: readonly ColumnSpec<ItemColumnKey>[] = [
  col('code', '事项编码', ['编码', '实施编码', '事项代码'], true, '4–60 位字母、数字或连字符；已有编码则更新该事项 / 4–60 letters, digits or hyphens; an existing code updates that item'),
  col('name', '事项名称', ['名称'], true, '必填 / required'),
  col('type', '事项类型', ['类型', '权力类型'], true, `${ITEM_TYPES.join('、')}`),
  col('agency', '实施机关', ['实施机关代码', '实施主体', '办理机构'], true, '机构代码（如 ljs-mzj）或机构全称 / agency code or full name'),
  col('legalBasis', '设定依据', ['法律依据', '依据'], true, '必填 / required'),
  col('conditions', '受理条件', ['申请条件', '办理条件'], false, '可空 / optional'),
  col('materials', '申请材料', ['材料', '所需材料', '申请材料目录'], false, '每行一种：名称｜形式｜份数｜必要性｜来源｜格式；形式为原件、复印件、原件和复印件、电子材料；必要性为“必要”（可加“：说明”）、“非必要”或“条件：…” / one per line'),
  col('steps', '办理流程', ['流程', '办理步骤'], false, '每行一步 / one step per line'),
  col('statutoryDays', '法定办结时限', ['法定时限', '法定期限'], false, '工作日数；“即办”为 0；空为无 / working days; 即办 = 0'),
  col('promisedDays', '承诺办结时限', ['承诺时限', '承诺期限'], false, '工作日数；“即办”为 0 / working days; 即办 = 0'),
  col('fees', '收费标准', ['收费', '是否收费'], false, '空为“不收费” / empty = free'),
  col('feeBasis', '收费依据', [], false, '可空 / optional'),
  col('place', '办理地点', ['受理地点', '窗口'], false, '可空 / optional'),
  col('hours', '办理时间', ['受理时间'], false, '可空 / optional'),
  col('phone', '咨询电话', ['咨询方式', '电话'], false, '可空 / optional'),
  col('onlineUrl', '网上办理地址', ['网办地址', '在线办理地址', '网址'], false, 'http(s) 地址，可空 / optional URL'),
  col('visits', '到现场次数', ['跑动次数', '办理深度'], false, `${VISITS.join('、')}（也可写 0 次、1 次）；空为“最多跑一次”`),
  col('events', '服务主题', ['主题', '生命周期主题'], false, '用顿号分隔，如 婚姻、户籍 / life events, separated by 、'),
  col('faq', '常见问题', ['问答'], false, '“问：…”与“答：…”各占一行 / 问：… and 答：… lines'),
  col('changeKind', '变更类型', ['变更', '清单变更'], false, `${CHANGE_KINDS.map((k) => CHANGE_LABELS[k]).join('、')}；空：新事项为新增，已有事项有改动时为调整`),
  col('changeOn', '变更日期', ['调整日期'], false, '空为导入当天 / empty = the day of the import'),
  col('changeReason', '变更原因', ['调整原因', '变更说明'], false, '空为“批量导入” / empty = 批量导入'),
  col('changeDocument', '依据文件', ['变更依据', '文件文号'], false, '如 岚政发〔2025〕3号；同一文件的变更在清理页面为同一轮 / the document of the round'),
  col('changeTarget', '变更对象', ['并入事项', '承接机构'], false, '合并：并入的事项编码；下放：承接机构代码 / merged: target item; delegated: lower agency'),
];

/** One row as imported: the item's guide and the list change it records (when `change` is null the change is decided on import). */
export interface ImportedItem {
  line: number;
  item: ServiceItemInput;
  change: { kind: ChangeKind | null; on: IsoDate | null; reason: string; document: string; target: string };
}

export interface ItemParseResult {
  rows: ImportedItem[];
  problems: ImportProblem[];
  format: ImportFormat;
}

const SEPARATOR = /[|｜]/;
const LIST_SEPARATOR = /[、,，;；/\s]+/;
const lines = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
/** "1. 提交申请" → "提交申请": numbering is the list's, not the step's. */
const unnumbered = (l: string) => l.replace(/^(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．)）:：]\s*/, '');

const FORMS = new Map<string, Material['form']>([
  ...(['原件', '复印件', '原件和复印件', '电子材料'] as const).map((f): [string, Material['form']] => [f, f]),
  ['原件及复印件', '原件和复印件'],
  ['原件、复印件', '原件和复印件'],
  ['电子', '电子材料'],
  ['电子版', '电子材料'],
  ['电子证照', '电子材料'],
]);
const CHANGE_VALUES = new Map<string, ChangeKind>(CHANGE_KINDS.flatMap((k): [string, ChangeKind][] => [[valueKey(k), k], [valueKey(CHANGE_LABELS[k]), k]]));
const TYPE_VALUES = new Map<string, (typeof ITEM_TYPES)[number]>(ITEM_TYPES.map((t) => [valueKey(t), t]));
const VISIT_VALUES = new Map<string, (typeof VISITS)[number]>([
  ...VISITS.map((v): [string, (typeof VISITS)[number]] => [valueKey(v), v]),
  ['0次', '全程网办'],
  ['零跑动', '全程网办'],
  ['1次', '最多跑一次'],
  ['2次', '需多次到场'],
  ['多次', '需多次到场'],
]);

/** A material line: 名称｜形式｜份数｜必要性｜来源｜格式 (the trailing parts may be left off). */
function parseMaterial(line: string): Material | { error: string } {
  const [name = '', form = '原件', copies = '1', need = '必要', source = '', format = ''] = line.split(SEPARATOR).map((p) => p.trim());
  const f = FORMS.get(valueKey(form || '原件'));
  if (!name) return { error: `“${line}”缺少材料名称` };
  if (!f) return { error: `“${line}”的形式“${form}”无法识别，可填原件、复印件、原件和复印件、电子材料` };
  const n = /^\d{1,2}$/.test(copies.replace(/份$/, '')) ? Number(copies.replace(/份$/, '')) : NaN;
  if (!Number.isInteger(n)) return { error: `“${line}”的份数“${copies}”应为 0–99 的整数` };
  // 必要 / 必要：现场核验 (a note on a required material) / 非必要 / 条件：… (needed only in that case)
  const [word = '', ...noteParts] = (need || '必要').split(/[:：]/);
  const note = noteParts.join('：').trim();
  if (['条件', '视情况'].includes(word.trim())) return { name, form: f, copies: n, format, source, required: false, condition: note };
  if (['必要', '必须', '必需', '必填', '是'].includes(word.trim())) return { name, form: f, copies: n, format, source, required: true, condition: note };
  if (['非必要', '非必须', '选填', '否', '可选'].includes(word.trim()) && note === '') return { name, form: f, copies: n, format, source, required: false, condition: '' };
  return { error: `“${line}”的必要性“${need}”无法识别，可填必要、必要：说明、非必要或“条件：…”` };
}

export const formatMaterial = (m: Material): string =>
  [m.name, m.form, String(m.copies), m.required ? (m.condition ? `必要：${m.condition}` : '必要') : m.condition ? `条件：${m.condition}` : '非必要', m.source, m.format].join('｜').replace(/｜+$/, '');

function parseFaq(text: string): { q: string; a: string }[] | { error: string } {
  const out: { q: string; a: string }[] = [];
  for (const l of lines(text)) {
    const q = /^(问|Q)[:：]\s*/i.exec(l);
    const a = /^(答|A)[:：]\s*/i.exec(l);
    if (q) out.push({ q: l.slice(q[0].length), a: '' });
    else if (a && out.length > 0 && (out.at(-1)?.a ?? '') === '') (out.at(-1) as { a: string }).a = l.slice(a[0].length);
    else if (out.length > 0) (out.at(-1) as { a: string }).a += `\n${l}`; // an answer over several lines
    else return { error: `每个问题以“问：”开头，答案以“答：”开头（“${l}”）` };
  }
  const unanswered = out.find((x) => x.a.trim() === '');
  return unanswered ? { error: `问题“${unanswered.q}”没有答案` } : out;
}

export const formatFaq = (faq: readonly { q: string; a: string }[]): string => faq.map((x) => `问：${x.q}\n答：${x.a}`).join('\n');

const DAYS_ERROR = ['应为工作日数（0–3650 的整数），即办写 0 或“即办”', 'working days: a whole number 0–3650, or 即办'] as const;

function days(r: RowCheck<ItemColumnKey>, key: 'statutoryDays' | 'promisedDays'): number | null {
  const t = r.text(key).normalize('NFKC');
  if (t === '' || t === '无' || t === '-') return null;
  if (t === '即办' || t === '当场办结' || t === '即时办结') return 0;
  return r.integer(key, 0, 3650, ...DAYS_ERROR);
}

/** zod's path → the column it came from, so a schema problem still names the column. */
const SCHEMA_COLUMN: Record<string, ItemColumnKey> = {
  code: 'code',
  name: 'name',
  type: 'type',
  agency: 'agency',
  legalBasis: 'legalBasis',
  conditions: 'conditions',
  materials: 'materials',
  steps: 'steps',
  statutoryDays: 'statutoryDays',
  promisedDays: 'promisedDays',
  fees: 'fees',
  feeBasis: 'feeBasis',
  place: 'place',
  hours: 'hours',
  phone: 'phone',
  onlineUrl: 'onlineUrl',
  visits: 'visits',
  events: 'events',
  faq: 'faq',
};

function validateRow(r: RowCheck<ItemColumnKey>, seen: Map<string, number>): ImportedItem | null {
  const code = r.text('code');
  if (code) {
    const first = seen.get(code);
    if (first !== undefined) r.report('code', `与第 ${first} 行的事项编码重复`, `duplicates the code on line ${first}`);
    else seen.set(code, r.row.line);
  }
  r.required('code');
  r.required('name');
  r.required('agency');
  r.required('legalBasis');
  const type = r.required('type') ? r.lookup('type', TYPE_VALUES, `可填：${ITEM_TYPES.join('、')}`, 'unknown item type') : null;
  const visits = r.has('visits') ? r.lookup('visits', VISIT_VALUES, `可填：${VISITS.join('、')}`, 'unknown visits value') : '最多跑一次';

  const materials: Material[] = [];
  for (const l of lines(r.cell('materials').text)) {
    const m = parseMaterial(l);
    if ('error' in m) r.report('materials', m.error, 'a material is 名称｜形式｜份数｜必要性｜来源｜格式');
    else materials.push(m);
  }
  const faq = parseFaq(r.cell('faq').text);
  if ('error' in faq) r.report('faq', faq.error, 'FAQ lines are 问：… then 答：…');
  const events = r.text('events').split(LIST_SEPARATOR).filter((e) => e !== '');

  let kind: ChangeKind | null = null;
  if (r.has('changeKind')) kind = r.lookup('changeKind', CHANGE_VALUES, `可填：${CHANGE_KINDS.map((k) => CHANGE_LABELS[k]).join('、')}`, 'unknown change kind');
  const changeOn = r.date('changeOn');
  const change = { kind, on: changeOn, reason: r.text('changeReason') || '批量导入', document: r.text('changeDocument'), target: r.text('changeTarget') };
  if ((kind === 'merged' || kind === 'delegated') && change.target === '') r.report('changeTarget', kind === 'merged' ? '合并须写明并入的事项编码' : '下放须写明承接机构代码', 'a merge names the item it went into, a delegation the lower agency');
  const checked = changeSchema.safeParse({ ...change, kind: kind ?? 'added', on: changeOn ?? '2000-01-01' });
  if (!checked.success) for (const issue of checked.error.issues) r.report(issue.path[0] === 'reason' ? 'changeReason' : issue.path[0] === 'document' ? 'changeDocument' : 'changeTarget', issue.message, 'invalid change');

  const candidate = {
    code,
    name: r.text('name'),
    type: type ?? ITEM_TYPES[0],
    agency: r.text('agency'),
    legalBasis: r.cell('legalBasis').text.trim(),
    conditions: r.cell('conditions').text.trim(),
    materials,
    steps: lines(r.cell('steps').text).map(unnumbered),
    statutoryDays: days(r, 'statutoryDays'),
    promisedDays: days(r, 'promisedDays'),
    fees: r.text('fees') || '不收费',
    feeBasis: r.text('feeBasis'),
    place: r.text('place'),
    hours: r.text('hours'),
    phone: r.text('phone'),
    onlineUrl: r.text('onlineUrl'),
    visits: visits ?? '最多跑一次',
    events,
    faq: 'error' in faq ? [] : faq,
  };
  if (candidate.statutoryDays !== null && candidate.promisedDays !== null && candidate.promisedDays > candidate.statutoryDays) {
    r.report('promisedDays', `承诺时限（${candidate.promisedDays}）不得长于法定时限（${candidate.statutoryDays}）`, 'the promised time cannot exceed the statutory time');
  }
  const parsed = serviceItemSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = SCHEMA_COLUMN[String(issue.path[0])] ?? 'code';
      // required-but-empty was reported above; a second "too short" would only repeat it
      if (candidate[key as keyof typeof candidate] === '') continue;
      const where = issue.path.length > 1 && typeof issue.path[1] === 'number' ? `第 ${issue.path[1] + 1} 项：` : '';
      r.report(key, `${where}${issue.message}`, 'invalid value');
    }
    return null;
  }
  return type === null || visits === null ? null : { line: r.row.line, item: parsed.data, change };
}

/** Parses an item sheet. Every problem is reported; a row with any problem is left out of `rows`. */
export function parseItemSheet(bytes: Uint8Array, fileName: string): ItemParseResult {
  const read = readTable(bytes, fileName, ITEM_COLUMNS, { maxBytes: MAX_ITEM_IMPORT_BYTES, maxRows: MAX_ITEM_IMPORT_ROWS });
  if ('problem' in read) return { rows: [], problems: [read.problem], format: read.format };
  const problems = [...read.problems];
  const rows: ImportedItem[] = [];
  const seen = new Map<string, number>();
  for (const row of read.data) {
    const r = new RowCheck(row, read.layout, problems);
    const item = validateRow(r, seen);
    if (item && r.ok) rows.push(item);
  }
  return { rows, problems, format: read.format };
}

/** The cells of one item in `ITEM_COLUMNS` order (the change columns empty): what the export writes. */
export function itemCells(item: ServiceItemInput): string[] {
  const values: Record<ItemColumnKey, string> = {
    code: item.code,
    name: item.name,
    type: item.type,
    agency: item.agency,
    legalBasis: item.legalBasis,
    conditions: item.conditions,
    materials: item.materials.map(formatMaterial).join('\n'),
    steps: item.steps.join('\n'),
    statutoryDays: item.statutoryDays === null ? '' : String(item.statutoryDays),
    promisedDays: item.promisedDays === null ? '' : String(item.promisedDays),
    fees: item.fees,
    feeBasis: item.feeBasis,
    place: item.place,
    hours: item.hours,
    phone: item.phone,
    onlineUrl: item.onlineUrl,
    visits: item.visits,
    events: item.events.join('、'),
    faq: formatFaq(item.faq),
    changeKind: '',
    changeOn: '',
    changeReason: '',
    changeDocument: '',
    changeTarget: '',
  };
  return ITEM_COLUMNS.map((c) => values[c.key]);
}
