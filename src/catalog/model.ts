import { z } from 'zod';
import { countWorkingDays, isIsoDate, type WorkingDayCalendar } from '../platform/calendar/model.js';
import {
  CATEGORIES,
  GENRES,
  GROUND_CODES,
  INTERPRETATION_KINDS,
  isTopic,
  MODES,
  STATUTORY_ITEMS,
  VALIDITIES,
} from './taxonomy.js';

/**
 * Catalogue rules without I/O: what a record must contain, how its 索引号 and 文号 key are
 * formed, which workflow step may follow which, and when publication was late.
 */

// ---- workflow
export const STATUSES = ['draft', 'in_review', 'ready', 'scheduled', 'published', 'withheld', 'withdrawn'] as const;
export type RecordStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<RecordStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  ready: '已审核，待与政策同步发布',
  scheduled: '已审核，定时发布',
  published: '已发布',
  withheld: '不公开（已审核）',
  withdrawn: '已撤回',
};

export type WorkflowAction = 'edit' | 'submit' | 'return' | 'approve' | 'publish' | 'revise' | 'withdraw';

const ALLOWED: Record<WorkflowAction, readonly RecordStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  return: ['in_review'],
  approve: ['in_review'],
  publish: ['ready', 'scheduled'],
  // Published records change only by a new version or a withdrawal (DESIGN principle 2).
  revise: ['published'],
  withdraw: ['published', 'scheduled'],
};

export function canTransition(status: string, action: WorkflowAction): boolean {
  return (ALLOWED[action] as readonly string[]).includes(status);
}

/**
 * Whether the public may open a record's page: published proactive records, scheduled ones whose
 * time has come (the SQL twin is store.publiclyVisible), and withdrawn ones that were public
 * (their URL stays and says why).
 */
export function isPubliclyVisible(r: { mode: string; status: string; publishAt: string | null; publishedOn: string | null }, nowIso: string): boolean {
  if (r.mode !== '主动公开') return false;
  if (r.status === 'published') return true;
  if (r.status === 'scheduled') return r.publishAt !== null && r.publishAt <= nowIso;
  return r.status === 'withdrawn' && r.publishedOn !== null;
}

// ---- input
const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为 YYYY-MM-DD / ${label} must be a date`);
const trimmed = (max: number) => z.string().trim().max(max, `最多${max}字 / at most ${max} characters`);

export const recordInputSchema = z
  .object({
    title: trimmed(300).min(4, '请填写标题 / title is required'),
    docNumber: trimmed(60).default(''),
    issuers: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(/[,，\s]+/)).map((s) => s.trim()).filter(Boolean))
      .default([]),
    writtenOn: isoDate('成文日期'),
    formedOn: isoDate('形成或变更日期'),
    topic: z.string().refine(isTopic, '主题分类无效 / unknown topic'),
    genre: z.enum(GENRES, { message: '体裁无效 / unknown genre' }),
    category: z.enum(CATEGORIES, { message: '公开类别无效 / unknown category' }),
    statutoryItem: z.coerce
      .number()
      .int()
      .min(1)
      .max(STATUTORY_ITEMS.length)
      .nullable()
      .default(null)
      .or(z.literal('').transform(() => null)),
    mode: z.enum(MODES, { message: '公开方式无效 / unknown disclosure mode' }).default('主动公开'),
    ground: z.enum(GROUND_CODES).nullable().default(null).or(z.literal('').transform(() => null)),
    groundReason: trimmed(1000).default(''),
    validity: z.enum(VALIDITIES).default('有效'),
    /** 索引号 of the record that replaced this one (for 已修订 / 废止). */
    replacedBy: trimmed(60).default(''),
    keywords: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(/[,，、;；\s]+/)).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(20)).max(10, '关键词最多10个 / at most 10 keywords'))
      .default([]),
    bodyHtml: z.string().max(500_000, '正文过长 / body too long').default(''),
    needsInterpretation: z
      .union([z.boolean(), z.literal('1'), z.literal('on'), z.literal('0'), z.literal('')])
      .transform((v) => v === true || v === '1' || v === 'on')
      .default(false),
    interprets: trimmed(60).default(''),
    interpretationKind: z.enum(INTERPRETATION_KINDS).nullable().default(null).or(z.literal('').transform(() => null)),
    videoUrl: trimmed(500).default(''),
  })
  .superRefine((r, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // 条例 第十四至十六条: withholding needs one legal ground and a reason a reviewer can judge.
    if (r.mode !== '主动公开') {
      if (!r.ground) problem('ground', '依申请公开或不予公开须选择法定理由 / a legal ground is required');
      if (r.groundReason.length < 10) problem('groundReason', '请写明不主动公开的具体理由（至少10字）/ explain the ground (10+ characters)');
    } else if (r.ground) {
      problem('ground', '主动公开的信息不需要不公开理由 / proactive records take no ground');
    }
    if (r.genre === '解读') {
      if (!r.interprets) problem('interprets', '解读须指明所解读的政策（索引号）/ name the policy it interprets');
      if (!r.interpretationKind) problem('interpretationKind', '请选择解读形式 / choose the kind of interpretation');
      if (r.interpretationKind === '新闻发布会' && !/^https:\/\/\S+$/.test(r.videoUrl)) {
        problem('videoUrl', '新闻发布会解读须提供视频链接（https://）/ a press conference needs a video link');
      }
      if (r.needsInterpretation) problem('needsInterpretation', '解读本身不需要再解读 / an interpretation needs none');
    }
    if (r.replacedBy && r.validity === '有效') problem('replacedBy', '仍然有效的文件不能被替代 / a valid record cannot be replaced');
    if (r.formedOn < r.writtenOn) problem('formedOn', '形成或变更日期不能早于成文日期 / formed before written');
  });
export type RecordInput = z.infer<typeof recordInputSchema>;

// ---- identifiers

/**
 * 索引号: `{机构代码}/{年份}-{5位流水号}`, the pattern of gov.cn (000014349/2017-00110) with the
 * agency's 统一社会信用代码 (or its platform code when it has none). Sequences never go back.
 */
export function formatIndexNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}/${year}-${String(seq).padStart(5, '0')}`;
}

/** 文号 folded for lookup: full-width to half-width, all bracket styles to (), no spaces. */
export function docNumberKey(docNumber: string): string {
  return docNumber
    .normalize('NFKC')
    .replace(/[〔［[【（(﹝]/g, '(')
    .replace(/[〕］\]】）)﹞]/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

// ---- timeliness

/**
 * 条例 第二十六条: proactive information is published within 20 working days of the day it was
 * formed or changed. Returns the working days taken and whether that was late.
 */
export function publicationDelay(cal: WorkingDayCalendar, formedOn: string, publishedOn: string) {
  const counted = countWorkingDays(cal, formedOn, publishedOn);
  return { workingDays: counted.days, late: counted.days > 20, provisional: counted.provisional };
}
