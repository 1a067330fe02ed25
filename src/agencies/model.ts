import { z } from 'zod';
import type { AgencyRow } from '../platform/db/schema.js';

// 条例 第十二条: the disclosure guide names the office, its address, hours, phone, fax and internet
// contact, and explains how information is classified, arranged and obtained.
export const AGENCY_LEVELS = ['省', '市', '县', '乡'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export const AGENCY_KINDS = ['government', 'department'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = { government: '人民政府', department: '政府部门' };

const text = (max: number) => z.string().trim().max(max, `最多${max}字 / at most ${max} characters`);
const optionalText = (max: number) => text(max).default('');

export const guideFieldsSchema = z.object({
  officeName: optionalText(100),
  officeAddress: optionalText(200),
  officeHours: optionalText(200),
  phone: optionalText(60).refine((v) => v === '' || /^[0-9+\-()（）\s、,，转]{5,60}$/.test(v), '电话号码格式不正确 / invalid phone number'),
  fax: optionalText(60).refine((v) => v === '' || /^[0-9+\-()（）\s]{5,60}$/.test(v), '传真号码格式不正确 / invalid fax number'),
  email: optionalText(120).refine((v) => v === '' || z.email().safeParse(v).success, '电子邮箱格式不正确 / invalid e-mail address'),
  mailAddress: optionalText(200),
  postcode: optionalText(6).refine((v) => v === '' || /^\d{6}$/.test(v), '邮政编码应为6位数字 / postcode must be 6 digits'),
  webFormUrl: optionalText(300).refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), '网址须以 http:// 或 https:// 开头 / URL must start with http(s)://'),
  feePolicy: optionalText(2000),
  classification: optionalText(2000),
  howToObtain: optionalText(2000),
});
export type GuideFields = z.infer<typeof guideFieldsSchema>;
export const GUIDE_FIELD_NAMES = Object.keys(guideFieldsSchema.shape) as (keyof GuideFields)[];

export const agencyInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '机构代码只能用小写字母、数字和连字符，2–40位 / code: 2–40 lower-case letters, digits or hyphens'),
    name: text(100).min(2, '请填写机构名称 / name is required'),
    shortName: text(40).default(''),
    level: z.enum(AGENCY_LEVELS, { message: '层级无效 / invalid level' }),
    kind: z.enum(AGENCY_KINDS, { message: '类型无效 / invalid kind' }),
    parentCode: z.string().trim().nullable().default(null).transform((v) => (v === '' ? null : v)),
    creditCode: optionalText(18).refine((v) => v === '' || /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v), '统一社会信用代码应为18位 / credit code must be 18 characters'),
    sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  })
  .extend(guideFieldsSchema.shape);
export type AgencyInput = z.infer<typeof agencyInputSchema>;

const LEVEL_RANK: Record<AgencyLevel, number> = { 省: 1, 市: 2, 县: 3, 乡: 4 };

export function isAgencyLevel(v: string): v is AgencyLevel {
  return (AGENCY_LEVELS as readonly string[]).includes(v);
}

/**
 * Where an agency may sit: a department belongs to a government of the same level; a lower
 * government belongs to a government of a higher level; only a government can be the root.
 */
export function placementProblems(
  child: { kind: AgencyKind; level: AgencyLevel },
  parent: { kind: string; level: string } | null,
): string[] {
  if (parent === null) {
    return child.kind === 'government' ? [] : ['政府部门必须隶属于一级人民政府 / a department needs a parent government'];
  }
  if (parent.kind !== 'government') return ['上级机构必须是人民政府 / the parent must be a government'];
  if (!isAgencyLevel(parent.level)) return ['上级机构层级无效 / parent level invalid'];
  if (child.kind === 'department' && child.level !== parent.level) {
    return [`政府部门的层级应与所属政府一致（${parent.level}级）/ a department has its government's level`];
  }
  if (child.kind === 'government' && LEVEL_RANK[child.level] <= LEVEL_RANK[parent.level]) {
    return ['下级人民政府的层级必须低于上级 / a lower government must be of a lower level'];
  }
  return [];
}

export interface AgencyNode {
  readonly agency: AgencyRow;
  readonly children: AgencyNode[];
}

/** Builds the forest: under a government its departments come first, then lower governments. */
export function buildAgencyTree(rows: readonly AgencyRow[]): AgencyNode[] {
  const nodes = new Map(rows.map((a) => [a.id, { agency: a, children: [] as AgencyNode[] }]));
  const roots: AgencyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.agency.parentId === null ? undefined : nodes.get(node.agency.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: AgencyNode, b: AgencyNode) =>
    Number(a.agency.kind === 'government') - Number(b.agency.kind === 'government') ||
    a.agency.sortOrder - b.agency.sortOrder ||
    a.agency.code.localeCompare(b.agency.code);
  const sortDeep = (list: AgencyNode[]) => {
    list.sort(order);
    list.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return roots;
}

/** The public JSON shape of an agency (no internal ids). */
export function presentAgency(a: AgencyRow, parentCode: string | null) {
  return {
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    level: a.level,
    kind: a.kind,
    parentCode,
    creditCode: a.creditCode,
    guide: Object.fromEntries(GUIDE_FIELD_NAMES.map((k) => [k, a[k]])) as GuideFields,
    updatedAt: a.updatedAt,
  };
}
