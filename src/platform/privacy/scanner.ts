/**
 * Pre-publication privacy and secrecy scan. Before a record goes public its body and attachment texts
 * are scanned; every hit blocks approval until a reviewer overrides it with a written reason.
 * Why: 《政府信息公开条例》第十四条 (国家秘密不予公开) and 第十五条 (商业秘密、个人隐私), and
 * 《个人信息保护法》第二十八条 (金融账户 etc. are sensitive personal information).
 * Pure: text in, hits out — no I/O, no clock.
 */

export type ScanRule = 'resident-id' | 'mobile' | 'bank-card' | 'secrecy-marking';

export const SCAN_RULE_LABELS: Record<ScanRule, string> = {
  'resident-id': '居民身份证号码',
  mobile: '手机号码',
  'bank-card': '银行卡号',
  'secrecy-marking': '密级或内部标识',
};

export interface ScanHit {
  rule: ScanRule;
  /** The matched text exactly as it appears in the scanned text. */
  match: string;
  /** UTF-16 offsets into the scanned (original, un-normalised) text. */
  start: number;
  end: number;
  /** Up to CONTEXT_CHARS characters either side plus the match, newlines collapsed to spaces. */
  context: string;
  /** 'body' or the attachment file name the text came from. */
  source: string;
}

const CONTEXT_CHARS = 20;

// When candidates overlap the more specific rule wins: a valid 18-digit resident ID can also pass
// Luhn with a card prefix (甘肃 62xxxx IDs look like UnionPay), and must be reported once, as an ID.
const PRIORITY: readonly ScanRule[] = ['resident-id', 'bank-card', 'mobile', 'secrecy-marking'];

// A number is only a candidate when it stands alone: not glued to letters or digits (统一社会信用代码
// such as 91110000100000000A, 19+ digit runs) and not one side of a decimal point ("13800138000.50").
// Hyphens and slashes do separate numbers: "13800138000-13900139000" and "…/13800138000" are two phones.
const ALONE_BEFORE = String.raw`(?<![0-9A-Za-z]|\d\.)`;
const ALONE_AFTER = String.raw`(?![0-9A-Za-z]|\.\d)`;
// 索引号 is "<organisation or credit code>/<year>-<serial>" (政府信息公开目录索引号); its code part is
// never personal data even when it happens to be all digits.
const NOT_INDEX_NO = String.raw`(?!\/\d{4}-)`;

// GB 11643-1999 公民身份号码: 6-digit region (first digit 1–9), 8-digit birth date, 3-digit sequence,
// check character 0–9 or X. Validated further by isValidResidentId.
const RESIDENT_ID_RE = new RegExp(String.raw`${ALONE_BEFORE}[1-9]\d{16}[\dXx]${ALONE_AFTER}${NOT_INDEX_NO}`, 'g');

// Mainland mobile numbers: 1 + network digit 3–9 + 9 digits (工信部《电信网码号资源管理办法》号段),
// optional country code +86 / 0086 / 86, written compact or 3-4-4 with one consistent separator
// (\k<sep> repeats whatever came first: nothing, a space or a hyphen).
const MOBILE_RE = new RegExp(
  String.raw`${ALONE_BEFORE}(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?<sep>[ -]?)\d{4}\k<sep>\d{4}${ALONE_AFTER}`,
  'g',
);

// Payment card numbers (ISO/IEC 7812): 15–19 digits compact, or as printed — groups of four with one
// consistent separator (16–19 digits). A grouped number must not continue into a further group.
const BANK_CARD_RE = new RegExp(
  String.raw`${ALONE_BEFORE}(?:\d{15,19}|(?<!\d[ -])\d{4}(?<gsep>[ -])\d{4}\k<gsep>\d{4}\k<gsep>\d{4}(?:\k<gsep>\d{1,3})?(?!\k<gsep>\d))${ALONE_AFTER}${NOT_INDEX_NO}`,
  'g',
);

// Issuer prefixes (IIN ranges) and the lengths each scheme actually issues; anything else is just a number.
const CARD_SCHEMES: readonly { prefix: RegExp; lengths: readonly number[] }[] = [
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // 中国银联 UnionPay
  { prefix: /^4/, lengths: [16, 19] }, // Visa (13-digit numbers are retired)
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard 51–55, 2221–2720
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB 3528–3589
];

// 国家秘密标志 (《保守国家秘密法》; GB/T 7156-2003 标志形式, GB/T 9704-2012 §7.2.2 公文密级和保密期限):
// 密级 + ★ + optional 保密期限, e.g. 机密★1年, 绝密★启用前, also with a leading ★. The lookbehind keeps
// the legal terms 商业秘密 / 国家秘密 / 工作秘密 from tripping when a footnote * follows them.
const MARK = '(?:绝密|机密|秘密)';
const STAR = '[★☆*]';
const STARRED_MARK_RE = new RegExp(
  String.raw`(?:${STAR} *)?(?<!商业|国家|工作)${MARK} *${STAR}(?: *(?:\d+ *(?:个月|年|月|天)|长期|启用前))?`,
  'g',
);
// ★ before the 密级 (★绝密) — but not a ★ bullet in front of ordinary words such as 秘密地, 机密性.
const LEADING_STAR_RE = new RegExp(String.raw`${STAR} *${MARK}(?![性地的])`, 'g');
// A bare 密级 standing alone on its own line (the top-left 密级 slot of a 公文 header).
const LINE_MARK_RE = new RegExp(String.raw`(?<=^[ \t]*)${MARK}(?=[ \t]*$)`, 'gm');
// ...or opening the whole text, followed by whitespace ("机密 关于……的通知").
const OPENING_MARK_RE = new RegExp(String.raw`(?<=^\s*)${MARK}(?=\s)`, 'g');
// Internal-circulation wording (内部资料 etc.) that must not reach the public portal. "不涉密"/"非涉密"
// is the opposite statement — often printed on releases — so it is excluded.
const INTERNAL_RE = /内部资料|内部文件|内部使用|注意保密|不得外传|严禁外传|妥善保管|(?<![不非])涉密/g;

// [rule, pattern, extra check on the match] — the check sees the width-folded text.
const MATCHERS: readonly [ScanRule, RegExp, (m: string) => boolean][] = [
  ['resident-id', RESIDENT_ID_RE, isValidResidentId],
  ['mobile', MOBILE_RE, () => true],
  ['bank-card', BANK_CARD_RE, (m) => isCardNumber(m.replace(/[ -]/g, ''))],
  ['secrecy-marking', STARRED_MARK_RE, () => true],
  ['secrecy-marking', LEADING_STAR_RE, () => true],
  ['secrecy-marking', LINE_MARK_RE, () => true],
  ['secrecy-marking', OPENING_MARK_RE, () => true],
  ['secrecy-marking', INTERNAL_RE, () => true],
];

/**
 * Fold full-width forms (U+FF01–FF5E: ０-９ Ｘ ＊ － ＋ （ ）) and the ideographic space U+3000 with NFKC.
 * Each of these is exactly one UTF-16 unit in and one out, so the index map from folded to original text
 * is the identity and offsets found in the folded text point straight into the original. (Full-string
 * NFKC is deliberately avoided: it changes lengths, e.g. ㍿ → 株式会社, and turns ① into 1.)
 */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => ch.normalize('NFKC'));
}

export function scanText(text: string, source = 'body'): ScanHit[] {
  const folded = foldWidth(text);
  const candidates: Omit<ScanHit, 'context' | 'source' | 'match'>[] = [];
  for (const [rule, pattern, check] of MATCHERS) {
    for (const m of folded.matchAll(pattern)) {
      if (check(m[0])) candidates.push({ rule, start: m.index, end: m.index + m[0].length });
    }
  }
  // Highest-priority rule first, then leftmost, then longest; drop anything overlapping a kept hit.
  candidates.sort(
    (a, b) => PRIORITY.indexOf(a.rule) - PRIORITY.indexOf(b.rule) || a.start - b.start || b.end - a.end,
  );
  const kept: typeof candidates = [];
  for (const c of candidates) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map((c) => ({
      ...c,
      match: text.slice(c.start, c.end),
      context: text
        .slice(Math.max(0, c.start - CONTEXT_CHARS), c.end + CONTEXT_CHARS)
        .replace(/[\r\n\u2028\u2029]+/g, ' '),
      source,
    }));
}

// GB 11643-1999 校验码: weights are 2^(17-i) mod 11; the weighted sum mod 11 indexes '10X98765432'.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

export function isValidResidentId(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  // 出生日期码 YYYYMMDD must be a real calendar date; 1900–2100 covers every living holder.
  if (!isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK_CHARS.charAt(sum % 11) === id.charAt(17).toUpperCase();
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Luhn mod-10 check (ISO/IEC 7812-1 Annex B): double every second digit from the right. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function isCardNumber(digits: string): boolean {
  return (
    luhnValid(digits) &&
    CARD_SCHEMES.some((s) => s.prefix.test(digits) && s.lengths.includes(digits.length))
  );
}

/**
 * A masked rendering for logs and the audit trail, which must never hold the full value
 * (GB/T 35273-2020《个人信息安全规范》 展示限制): 110105********002X, 138****8000, 6222 **** **** 0128.
 * Secrecy markings are not personal data and are shown as found.
 */
export function maskForDisplay(hit: ScanHit): string {
  const chars = foldWidth(hit.match).replace(/[^\dXx]/g, '').toUpperCase();
  switch (hit.rule) {
    case 'resident-id':
      return `${chars.slice(0, 6)}********${chars.slice(-4)}`;
    case 'mobile': {
      const national = chars.slice(-11); // drop the 86 / 0086 country code
      return `${national.slice(0, 3)}****${national.slice(-4)}`;
    }
    case 'bank-card':
      return `${chars.slice(0, 4)} **** **** ${chars.slice(-4)}`;
    case 'secrecy-marking':
      return hit.match.replace(/\s+/g, ' ');
  }
}
