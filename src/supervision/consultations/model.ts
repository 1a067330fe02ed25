/**
 * 意见征集 (公开征求意见): the rules of a consultation on a draft, without I/O. A draft policy is
 * open for comment between two dates, comments are moderated and, after the window closes, the
 * agency publishes how it used them (采纳情况反馈). Sources: 条例 第四十六、四十七条 (公众参与);
 * 《重大行政决策程序暂行条例》第十四、十五条 (征求意见期限, 反馈); 个人信息保护法 (masking).
 */
import { maskForDisplay, scanText } from '../../platform/privacy/scanner.js';

export type ConsultationStatus = 'draft' | 'published' | 'withdrawn';
export const CONSULTATION_STATUSES: readonly ConsultationStatus[] = ['draft', 'published', 'withdrawn'];

export type Phase = 'draft' | 'upcoming' | 'open' | 'closed' | 'feedback' | 'withdrawn';
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  draft: '草稿',
  upcoming: '即将开始',
  open: '征求中',
  closed: '已截止待反馈',
  feedback: '已反馈',
  withdrawn: '已撤回',
};

export type CommentStatus = 'pending' | 'approved' | 'rejected';
export const COMMENT_STATUS_LABELS: Readonly<Record<CommentStatus, string>> = { pending: '待审核', approved: '已公开', rejected: '未公开' };

export type Adoption = 'adopted' | 'partly' | 'not_adopted';
export const ADOPTIONS: readonly Adoption[] = ['adopted', 'partly', 'not_adopted'];
export const ADOPTION_LABELS: Readonly<Record<Adoption, string>> = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳' };

/**
 * One passage of the draft. Articles have no > 0 (第N条) and can be commented on; passages with
 * no = 0 (preamble, 第X章 headings) are shown in order but belong to the whole text only.
 */
export interface Article {
  readonly no: number;
  /** '第三条' for an article, the chapter line ('第一章 总则') or '' for a passage */
  readonly heading: string;
  readonly text: string;
}

// ---------------------------------------------------------------- phase

export interface PhaseInput {
  readonly status: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly feedbackPublishedAt: string | null;
}

/** Where a consultation stands on `today` (a Beijing date); open and closed follow from the dates. */
export function phaseOf(c: PhaseInput, today: string): Phase {
  if (c.status === 'withdrawn') return 'withdrawn';
  if (c.status !== 'published') return 'draft';
  if (today < c.opensOn) return 'upcoming';
  if (today <= c.closesOn) return 'open';
  return c.feedbackPublishedAt ? 'feedback' : 'closed';
}

// ---------------------------------------------------------------- the window

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** Calendar days of the window, both ends included: 2026-11-26 … 2026-12-25 is 30 days. */
export function windowDays(opensOn: string, closesOn: string): number {
  return dayNumber(closesOn) - dayNumber(opensOn) + 1;
}

/** The date `days` calendar days after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Why a window may not be published on `today`. The floor is the setting consultationMinDays,
 * whose default (30) comes from 《重大行政决策程序暂行条例》第十四条 “征求意见期限一般不少于30日”;
 * the setting itself is UNCONFIRMED (each government may set its own). A window cannot open before
 * the day it is published (the public could not comment on the days before), nor end in the past.
 */
export function windowProblems(opensOn: string, closesOn: string, minDays: number, today: string): string[] {
  const problems: string[] = [];
  if (closesOn < opensOn) return ['closesOn: 截止日期不能早于开始日期 / the window must end after it starts'];
  if (opensOn < today) problems.push('opensOn: 开始日期不能早于发布当天 / the window cannot start before today');
  if (closesOn < today) problems.push('closesOn: 截止日期已过 / the window closes in the past');
  const days = windowDays(opensOn, closesOn);
  if (days < minDays) problems.push(`closesOn: 征求意见期限为 ${days} 日，不得少于 ${minDays} 日 / the window is ${days} days; at least ${minDays} are required`);
  return problems;
}

// ---------------------------------------------------------------- articles

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 12 → 12; anything else → null. */
export function chineseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').trim();
  if (/^\d{1,4}$/.test(s)) return Number(s);
  if (s === '' || ![...s].every((ch) => ch in CN_DIGITS || ch in CN_UNITS)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      digit = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + (digit ?? 0);
}

const NUMERAL = '[零〇一二两三四五六七八九十百千0-9０-９]+';
const ARTICLE_RE = new RegExp(`^(第(${NUMERAL})条)[\\s\\u3000]*(.*)$`);
const CHAPTER_RE = new RegExp(`^第${NUMERAL}[章节编]`);

/**
 * The draft's articles: a line beginning “第一条” starts article 1 and runs until the next article
 * or chapter line; chapter lines and the text before the first article are passages (no = 0).
 */
export function parseArticles(text: string): Article[] {
  const out: { no: number; heading: string; lines: string[] }[] = [];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const m = ARTICLE_RE.exec(line);
    const no = m ? chineseNumber(m[2] ?? '') : null;
    if (m && no !== null && no > 0) {
      out.push({ no, heading: m[1] ?? '', lines: m[3] ? [m[3]] : [] });
    } else if (CHAPTER_RE.test(line)) {
      out.push({ no: 0, heading: line, lines: [] });
    } else {
      const last = out.at(-1);
      if (last && !(last.no === 0 && last.heading !== '')) last.lines.push(line);
      else out.push({ no: 0, heading: '', lines: [line] });
    }
  }
  return out.map((a) => ({ no: a.no, heading: a.heading, text: a.lines.join('\n') }));
}

/** The stored articles column (JSON); a damaged value reads as no articles rather than failing the page. */
export function articlesOf(json: string): Article[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((a): a is Article => typeof a === 'object' && a !== null && typeof (a as Article).no === 'number' && typeof (a as Article).text === 'string');
  } catch {
    return [];
  }
}

/** Back to editable text: parseArticles(articlesToText(a)) gives a again. */
export function articlesToText(articles: readonly Article[]): string {
  return articles.map((a) => (a.no > 0 ? `${a.heading} ${a.text}`.trim() : [a.heading, a.text].filter((s) => s !== '').join('\n'))).join('\n');
}

/** Problems of a parsed draft: it must say something, and an article number may appear once. */
export function articleProblems(articles: readonly Article[]): string[] {
  if (articles.length === 0) return ['text: 请填写征求意见稿正文 / enter the text of the draft'];
  const seen = new Set<number>();
  const dup = new Set<string>();
  for (const a of articles) {
    if (a.no === 0) continue;
    if (seen.has(a.no)) dup.add(a.heading);
    seen.add(a.no);
  }
  return [...dup].map((h) => `text: ${h}重复出现 / article numbered twice: ${h}`);
}

// ---------------------------------------------------------------- comments and the feedback

export interface CommentFacts {
  readonly status: string;
  readonly adoption: string | null;
  readonly rejectReason?: string | null;
}

/** Every comment is counted (条例 第四十七条: the public can see what became of what they said). */
export interface CommentCounts {
  readonly received: number;
  readonly pending: number;
  readonly approved: number;
  readonly rejected: number;
  readonly adopted: number;
  readonly partly: number;
  readonly notAdopted: number;
  /** approved comments whose adoption is not yet recorded */
  readonly undecided: number;
}

export function countComments(comments: readonly CommentFacts[]): CommentCounts {
  const approved = comments.filter((c) => c.status === 'approved');
  const adoption = (a: Adoption) => approved.filter((c) => c.adoption === a).length;
  return {
    received: comments.length,
    pending: comments.filter((c) => c.status === 'pending').length,
    approved: approved.length,
    rejected: comments.filter((c) => c.status === 'rejected').length,
    adopted: adoption('adopted'),
    partly: adoption('partly'),
    notAdopted: adoption('not_adopted'),
    undecided: approved.filter((c) => c.adoption === null || !(ADOPTIONS as readonly string[]).includes(c.adoption)).length,
  };
}

/** Why the rejected comments were not published: each reason once with its count, most frequent first. */
export function rejectionSummary(comments: readonly CommentFacts[]): { reason: string; count: number }[] {
  const tally = new Map<string, number>();
  for (const c of comments) if (c.status === 'rejected') tally.set(c.rejectReason?.trim() || '未说明', (tally.get(c.rejectReason?.trim() || '未说明') ?? 0) + 1);
  return [...tally].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * Whether the feedback may be published: only after the window closes (《重大行政决策程序暂行条例》
 * 第十五条 — the agency reports how it used the comments once it has them all), every comment
 * moderated, and every published comment given its adoption.
 */
export function feedbackProblems(phase: Phase, counts: CommentCounts, feedback: string): string[] {
  if (phase !== 'closed') return [phase === 'feedback' ? '采纳情况已经公开 / the feedback is already published' : '征求意见截止后才能公开采纳情况 / only after the window has closed'];
  const problems: string[] = [];
  if (counts.pending > 0) problems.push(`还有 ${counts.pending} 条意见未审核 / ${counts.pending} comment(s) still to moderate`);
  if (counts.undecided > 0) problems.push(`还有 ${counts.undecided} 条意见未标明是否采纳 / ${counts.undecided} comment(s) without an adoption decision`);
  if (feedback.trim() === '') problems.push('feedback: 请填写采纳情况说明 / enter the feedback text');
  return problems;
}

/** A “not adopted” decision must say why (第十五条: 说明理由); the others may. */
export function adoptionProblems(adoption: Adoption, reason: string): string[] {
  return adoption === 'not_adopted' && reason.trim() === '' ? ['reason: 未采纳的意见须说明理由 / give the reason for not adopting'] : [];
}

// ---------------------------------------------------------------- public display

/**
 * A commenter's name as the public sees it (个人信息保护法 第二十八条 and the platform's rule that
 * names never appear in full): 张三 → 张*, 张晓明 → 张*明; none → 匿名.
 */
export function publicAuthor(name: string | null): string {
  const n = (name ?? '').normalize('NFKC').trim();
  if (n === '') return '匿名';
  const chars = [...n];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** A comment's text with any ID, phone or card number the writer typed masked (scanner rules). */
export function publicBody(body: string): string {
  const hits = scanText(body).filter((h) => h.rule !== 'secrecy-marking');
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += body.slice(at, h.start) + maskForDisplay(h);
    at = h.end;
  }
  return out + body.slice(at);
}
