/**
 * 便民服务: service and approval items (办事指南) with the history of the government's list, and
 * results disclosure (双公示). Vocabulary and pure rules, no I/O.
 */
import { z } from 'zod';
import { isIsoDate } from '../platform/calendar/model.js';

// 国务院关于印发全国一体化在线政务服务平台… and the 权责清单 categories; 公共服务 besides the powers.
export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政奖励', '行政裁决', '其他行政权力', '公共服务'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Life events for citizens (个人) and businesses (法人), as the national platform groups 主题服务. */
export const CITIZEN_EVENTS = ['生育收养', '教育', '就业', '社会保障', '住房', '婚姻', '出行', '医疗', '退休养老', '殡葬', '户籍', '证件办理'] as const;
export const BUSINESS_EVENTS = ['设立变更', '准营准办', '税费', '用工', '工程建设', '投资立项', '知识产权', '注销'] as const;
export type LifeEvent = (typeof CITIZEN_EVENTS)[number] | (typeof BUSINESS_EVENTS)[number];
export const isLifeEvent = (v: string): v is LifeEvent => (CITIZEN_EVENTS as readonly string[]).includes(v) || (BUSINESS_EVENTS as readonly string[]).includes(v);

/** How often the applicant must come in person (最多跑一次 · 全程网办). */
export const VISITS = ['全程网办', '最多跑一次', '需多次到场'] as const;
export type Visits = (typeof VISITS)[number];

/** The history of an item on the government's list (清理 rounds are computed from it). */
export const CHANGE_KINDS = ['added', 'changed', 'cancelled', 'merged', 'delegated'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_LABELS: Readonly<Record<ChangeKind, string>> = {
  added: '新增',
  changed: '调整',
  cancelled: '取消',
  merged: '合并',
  delegated: '下放',
};
/** An item stays on the list after these changes; the others take it off. */
export const STAYS_ON_LIST: ReadonlySet<ChangeKind> = new Set(['added', 'changed']);

const text = (max: number) => z.string().trim().max(max);
const date = z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD / a date YYYY-MM-DD');

export const materialSchema = z.object({
  name: text(200).min(1, '材料名称必填 / material name required'),
  form: z.enum(['原件', '复印件', '原件和复印件', '电子材料']),
  copies: z.number().int().min(0).max(99),
  format: text(100).default(''),
  source: text(200).default(''),
  required: z.boolean(),
  condition: text(300).default(''),
});
export type Material = z.infer<typeof materialSchema>;

export const serviceItemSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{4,60}$/, '事项编码为4–60位字母、数字或连字符 / code: 4–60 letters, digits or hyphens'),
  name: text(200).min(2, '事项名称至少 2 个字 / name: at least 2 characters'),
  type: z.enum(ITEM_TYPES),
  agency: z.string().trim().min(1),
  legalBasis: text(4000).min(1, '设定依据必填 / legal basis required'),
  conditions: text(4000).default(''),
  materials: z.array(materialSchema).max(100).default([]),
  steps: z.array(text(500).min(1)).max(30).default([]),
  statutoryDays: z.number().int().min(0).max(3650).nullable().default(null),
  promisedDays: z.number().int().min(0).max(3650).nullable().default(null),
  fees: text(1000).default('不收费'),
  feeBasis: text(1000).default(''),
  place: text(500).default(''),
  hours: text(300).default(''),
  phone: text(100).default(''),
  onlineUrl: z.union([z.literal(''), z.string().url().max(500)]).default(''),
  visits: z.enum(VISITS).default('最多跑一次'),
  events: z.array(z.string().refine(isLifeEvent, '未知的主题 / unknown life event')).max(6).default([]),
  faq: z.array(z.object({ q: text(300).min(1), a: text(2000).min(1) })).max(30).default([]),
});
export type ServiceItemInput = z.infer<typeof serviceItemSchema>;

export const changeSchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  on: date,
  reason: text(1000).min(1),
  document: text(200).default(''),
  /** merged: the code of the item it was merged into; delegated: the code of the lower agency */
  target: text(60).default(''),
});
export type ItemChange = z.infer<typeof changeSchema>;

export interface CleanupRound {
  readonly on: string;
  readonly document: string;
  readonly before: number;
  readonly after: number;
  readonly changes: readonly { code: string; name: string; kind: ChangeKind; reason: string; target: string }[];
}

/**
 * The rounds of a government's list changes (清理), computed from each item's history: a round is
 * every change made under one document (or on one date when none is given) — the first publication
 * of the list is a round too (0 → N); the count before a round is the items on the list just
 * before its date, after it those still on.
 */
export function cleanupRounds(items: readonly { code: string; name: string; history: readonly ItemChange[] }[]): CleanupRound[] {
  const key = (c: ItemChange) => c.document || c.on;
  const groups = new Map<string, { on: string; document: string; changes: CleanupRound['changes'][number][] }>();
  for (const item of items) {
    for (const c of item.history) {
      const g = groups.get(key(c)) ?? { on: c.on, document: c.document, changes: [] };
      if (c.on < g.on) g.on = c.on;
      g.changes.push({ code: item.code, name: item.name, kind: c.kind, reason: c.reason, target: c.target });
      groups.set(key(c), g);
    }
  }
  const onListAt = (day: string, inclusive: boolean) =>
    items.filter((item) => {
      const past = item.history.filter((c) => (inclusive ? c.on <= day : c.on < day));
      const last = past.at(-1);
      return last !== undefined && STAYS_ON_LIST.has(last.kind);
    }).length;
  return [...groups.values()]
    .sort((a, b) => a.on.localeCompare(b.on))
    .map((g) => ({ on: g.on, document: g.document, before: onListAt(g.on, false), after: onListAt(g.on, true), changes: g.changes }));
}
