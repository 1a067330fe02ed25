/** Shared wording of the letters: 成文日期, 大写 amounts, paragraphs, the document blocks and common phrases. */
import { isIsoDate, type IsoDate } from '../platform/calendar/model.js';
import type { LetterParty, LetterRequestRef } from './letters.js';

// ---------------------------------------------------------------- legal texts

export const REGULATION = '《中华人民共和国政府信息公开条例》';
export const FEE_MEASURE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

// ---------------------------------------------------------------- formatting helpers

/** 2026-11-26 → 2026年11月26日 (GB/T 9704-2012: 成文日期 in Arabic numerals, no leading zeros). */
export function chineseDate(d: IsoDate): string {
  const text: string = d;
  if (!isIsoDate(text)) throw new RangeError(`不是有效日期 / not a valid YYYY-MM-DD date: ${d}`);
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['仟', '佰', '拾', ''];

/** 0–9999 in financial numerals, no leading 零 (1050 → 壹仟零伍拾). */
function groupInWords(n: number): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      if (out) zeroPending = true;
      continue;
    }
    out += (zeroPending ? '零' : '') + DIGITS[d]! + SMALL_UNITS[i]!;
    zeroPending = false;
  }
  return out;
}

/**
 * A whole number of yuan as the 大写 amount of a Chinese financial document:
 * 0 → 零元整, 100 → 壹佰元整, 4700 → 肆仟柒佰元整, 10050 → 壹万零伍拾元整, 200000 → 贰拾万元整.
 * 拾 keeps its 壹 (100000 → 壹拾万元整), as is usual on receipts. Range 0 … 999,999,999,999.
 */
export function yuanInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`yuanInWords: need an integer 0 … 999999999999, got ${n}`);
  if (n === 0) return '零元整';
  const groups = [Math.floor(n / 1e8), Math.floor(n / 1e4) % 1e4, n % 1e4];
  const units = ['亿', '万', ''];
  let out = '';
  let zeroPending = false;
  groups.forEach((g, i) => {
    if (g === 0) {
      if (out) zeroPending = true;
      return;
    }
    // a gap before this group (a zero group, or fewer than four digits in it) reads as one 零
    if (out && (zeroPending || g < 1000)) out += '零';
    out += groupInWords(g) + units[i]!;
    zeroPending = false;
  });
  return `${out}元整`;
}

export const yuan = (n: number): string => `${n.toLocaleString('en-US')}元`;

/** Plain text → paragraphs: one per non-blank line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

// ---------------------------------------------------------------- document blocks

export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly foot: readonly string[];
}
export type Block = { readonly p: string } | { readonly table: Table };

export const p = (text: string): Block => ({ p: text });
export const ps = (text: string): Block[] => paragraphs(text).map(p);
/** "label：" in front of the first paragraph of `text`; the others follow as paragraphs. */
export function labelled(label: string, text: string, ifEmpty?: string): Block[] {
  const list = paragraphs(text);
  if (list.length === 0) return ifEmpty === undefined ? [] : [p(`${label}${ifEmpty}`)];
  return [p(`${label}${list[0]!}`), ...list.slice(1).map(p)];
}

/** 你 / 你单位 */
export const you = (applicant: LetterParty): string => (applicant.isOrganisation ? '你单位' : '你');

/** "你于…向本机关提出的政府信息公开申请（申请编号：…）收悉" */
export function receivedSentence(input: { applicant: LetterParty; request: LetterRequestRef }): string {
  const r = input.request;
  return `${you(input.applicant)}于${chineseDate(r.submittedOn)}向本机关提出的政府信息公开申请（申请编号：${r.trackingNumber}）收悉，本机关于${chineseDate(r.receivedOn)}收到。`;
}
