/**
 * 双公示 decisions before they are stored: the subject's identifier is checked (a 统一社会信用代码
 * by its GB 32100 check character, a resident ID by its GB 11643 check digit), a penalty carries
 * the end of its publicity period, and the decision text is scanned for personal data that the
 * public list would otherwise show — another person's ID or a mobile number (个人信息保护法
 * 第二十八条). The subject's own name and ID are masked on output (publicResult) and may stay.
 * Pure: no I/O.
 */
import { maskForDisplay, scanText, SCAN_RULE_LABELS } from '../platform/privacy/scanner.js';
import { checkIdDocument, normalizeIdNumber } from '../requests/identity.js';

export interface ResultFacts {
  readonly kind: '许可' | '处罚';
  readonly subjectType: 'natural' | 'legal';
  readonly subjectId: string;
  readonly legalBasis: string;
  readonly content: string;
  readonly decidedOn: string;
  readonly publishedOn: string;
  readonly publicUntil: string | null;
}

/** Problems as "field: 中文 / English", empty when the decision may be published. */
export function resultProblems(r: ResultFacts): string[] {
  const problems: string[] = [];
  if (r.publishedOn < r.decidedOn) problems.push('publishedOn: 公示日期不能早于决定日期 / cannot precede the decision');
  if (r.subjectType === 'legal') {
    // 双公示 data standard: organisations are identified by their 统一社会信用代码.
    const c = checkIdDocument('credit-code', r.subjectId, { today: r.decidedOn });
    if (!c.ok) problems.push(`subjectId: 统一社会信用代码${c.problems[0] ?? ''}`);
  } else if (r.subjectId !== '' && /^\d{17}[\dXx]$/.test(normalizeIdNumber(r.subjectId))) {
    const c = checkIdDocument('resident-id', r.subjectId, { today: r.decidedOn });
    if (!c.ok) problems.push(`subjectId: 身份证号码${c.problems[0] ?? ''}`);
  }
  if (r.kind === '处罚' && r.publicUntil === null) problems.push('publicUntil: 行政处罚须填写公示截止日期 / a penalty needs the end of its publicity period');
  if (r.publicUntil !== null && r.publicUntil < r.decidedOn) problems.push('publicUntil: 公示截止日期不能早于决定日期 / cannot precede the decision');
  const own = normalizeIdNumber(r.subjectId);
  for (const [field, text] of [['content', r.content], ['legalBasis', r.legalBasis]] as const) {
    for (const hit of scanText(text)) {
      if (hit.rule === 'resident-id' && normalizeIdNumber(hit.match) === own) continue;
      if (hit.rule === 'secrecy-marking') continue; // a marking is for the catalogue's review, not personal data
      problems.push(`${field}: 含有${SCAN_RULE_LABELS[hit.rule]}（${maskForDisplay(hit)}），公示内容不得包含他人个人信息，请删除 / the text contains personal data`);
    }
  }
  return problems;
}
