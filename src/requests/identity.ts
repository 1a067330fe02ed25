/*
 * 身份证明 (proof of identity) an applicant gives with a request (条例 第二十九条第二款第（一）项):
 * checking the number's form and check character, and masking it for staff lists and the copies
 * of letters. Pure rules, no I/O: a number that passes is well formed, not proven to exist.
 *
 * Standards: GB 11643-1999 公民身份号码 (resident ID; also the 港澳台居民居住证 and the 2023
 * 外国人永久居留身份证, which reuse its MOD 11-2 check), GB 32100-2015 法人和其他组织统一社会信用代码
 * 编码规则 (credit code).
 */
import { ID_DOC_TYPES, isOrganisation, type ApplicantType, type IdDocType } from './model.js';

export interface IdCheck {
  ok: boolean;
  /** the number as it should be stored: NFKC, no spaces, upper case */
  normalized: string;
  /** why it was refused, each "中文 / English"; empty when ok */
  problems: string[];
}

// ---------------------------------------------------------------- check characters

// GB 11643-1999 校验码 (ISO 7064 MOD 11-2): weight of position i is 2^(18-i) mod 11; the check
// character is the one that makes the weighted sum ≡ 1 (mod 11), tabulated by sum mod 11.
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK_MAP = '10X98765432';

/** The 18th character of an 18-digit 公民身份号码 from its first 17 digits (GB 11643-1999). */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`residentIdCheckDigit needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i]!;
  return RESIDENT_CHECK_MAP[sum % 11]!;
}

// GB 32100-2015 校验码: 31 characters (the digits and the capitals without I O Z S V), a
// character's value is its index; weight of position i is 3^(i-1) mod 31; check = 31 − (sum mod 31),
// where 31 is written 0.
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The 18th character of a 统一社会信用代码 from its first 17 characters (GB 32100-2015). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !CREDIT_CHARSET.includes(c))) {
    throw new RangeError(`creditCodeCheckChar needs 17 characters of ${CREDIT_CHARSET}, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31]!;
}

// ---------------------------------------------------------------- normalising

/** NFKC (full-width → half-width, U+3000 → space), drop all white space, upper case (x → X). */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

// ---------------------------------------------------------------- checking

const MSG_CHECK = '校验位不正确，请核对 / the check digit does not match';

// GB/T 2260 province-level codes that appear in 公民身份号码 (71 台湾, 81 香港, 82 澳门 are not issued
// resident IDs; their residents hold the 居住证 with 81/82/83, below).
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [[11, 15], [21, 23], [31, 37], [41, 46], [50, 54], [61, 65]].flatMap(([a, b]) =>
    Array.from({ length: b! - a! + 1 }, (_, k) => String(a! + k)),
  ),
);

// GB 32100-2015 登记管理部门代码, with the codes assigned since (外交, 司法行政, 文化, 旅游,
// 宗教, 工会, 中央军委改革和编制办公室, 农业).
const CREDIT_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '工商',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

// Residence-permit prefixes (《港澳台居民居住证申领发放办法》, 国办发〔2018〕81号): 81 Hong Kong, 82 Macao,
// 83 Taiwan, followed by 0000 in place of the county code.
const PERMIT_PREFIXES: Readonly<Record<string, string>> = { '81': '香港', '82': '澳门', '83': '台湾' };

/** Today in China Standard Time (UTC+8) as YYYY-MM-DD. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Position (1-based) and character of the first character outside `allowed`, if any. */
function firstBad(s: string, allowed: RegExp): { pos: number; ch: string } | undefined {
  const chars = [...s];
  const i = chars.findIndex((c) => !allowed.test(c));
  return i < 0 ? undefined : { pos: i + 1, ch: chars[i]! };
}

/** Problems with the YYYYMMDD birth date in characters 7–14 (GB 11643 出生日期码, GB/T 7408 form). */
function birthDateProblems(yyyymmdd: string, today: string): string[] {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (m < 1 || m > 12 || d < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return [`第 7–14 位的出生日期“${yyyymmdd}”不是真实存在的日期 / characters 7–14 (${iso}) are not a real date of birth`];
  }
  if (y < 1900) return [`出生日期 ${iso} 早于 1900 年，请核对 / the date of birth ${iso} is before 1900`];
  if (iso > today) return [`出生日期 ${iso} 晚于今天（${today}），请核对 / the date of birth ${iso} is after today (${today})`];
  return [];
}

/** Length and characters of an 18-character GB 11643-style number; empty when the form is right. */
function form18Problems(n: string, label: string, labelEn: string): string[] {
  const chars = [...n];
  if (chars.length !== 18) return [`${label}应为 18 位，实际为 ${chars.length} 位 / a ${labelEn} has 18 characters, this one has ${chars.length}`];
  const last = chars[17]!;
  const bad = firstBad(chars.slice(0, 17).join(''), /\d/) ?? (/[\dX]/.test(last) ? undefined : { pos: 18, ch: last });
  if (bad) {
    return [
      `第 ${bad.pos} 位“${bad.ch}”不正确：前 17 位应为数字，第 18 位为数字或 X / character ${bad.pos} “${bad.ch}” is not allowed: the first 17 must be digits and the 18th a digit or X`,
    ];
  }
  return [];
}

function residentIdProblems(n: string, today: string): string[] {
  // 居民身份证法 (2011 修正) and the 公安部 notice: the first-generation (15-digit) card stopped being
  // valid on 2013-01-01; only the 18-digit second-generation card proves identity now.
  if (/^\d{15}$/.test(n)) {
    return [
      '15 位号码属于第一代居民身份证，自 2013 年 1 月 1 日起已停止使用，请填写第二代居民身份证上的 18 位号码 / 15-digit numbers belong to the first-generation card, which has not been valid since 1 January 2013; enter the 18-digit number on the second-generation card',
    ];
  }
  const form = form18Problems(n, '居民身份证号码', 'resident ID number');
  if (form.length > 0) return form;
  const problems: string[] = [];
  // GB 11643 地址码: the GB/T 2260 county code; its first two digits are the province.
  const province = n.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    const [zh, en] =
      Object.hasOwn(PERMIT_PREFIXES, province)
        ? ['，这是港澳台居民居住证号码的开头，请改选“港澳台居民居住证”', '; that is how a residence permit number begins, choose the residence permit instead']
        : n.startsWith('9')
          ? ['，以 9 开头的是外国人永久居留身份证号码，请改选该证件', '; numbers beginning with 9 are foreigners’ permanent residence cards, choose that document instead']
          : ['', ''];
    problems.push(`前两位“${province}”不是有效的省级行政区划代码${zh} / the first two digits “${province}” are not a province code${en}`);
  }
  problems.push(...birthDateProblems(n.slice(6, 14), today));
  // GB 11643 校验码 (ISO 7064 MOD 11-2).
  if (residentIdCheckDigit(n.slice(0, 17)) !== n[17]) problems.push(MSG_CHECK);
  return problems;
}

function residencePermitProblems(n: string, today: string): string[] {
  const form = form18Problems(n, '港澳台居民居住证号码', 'residence permit number');
  if (form.length > 0) return form;
  const problems: string[] = [];
  // 港澳台居民居住证: 81 香港, 82 澳门, 83 台湾, then 0000 where a resident ID has the county.
  const prefix = n.slice(0, 2);
  if (!Object.hasOwn(PERMIT_PREFIXES, prefix)) {
    problems.push(`前两位应为 81（香港）、82（澳门）或 83（台湾），实际为“${prefix}” / the first two digits must be 81 (Hong Kong), 82 (Macao) or 83 (Taiwan), not “${prefix}”`);
  }
  if (n.slice(2, 6) !== '0000') {
    problems.push(`第 3–6 位应为“0000”，实际为“${n.slice(2, 6)}” / characters 3–6 must be “0000”, not “${n.slice(2, 6)}”`);
  }
  problems.push(...birthDateProblems(n.slice(6, 14), today));
  // Same check character as the resident ID (GB 11643 校验码).
  if (residentIdCheckDigit(n.slice(0, 17)) !== n[17]) problems.push(MSG_CHECK);
  return problems;
}

function creditCodeProblems(n: string): string[] {
  const len = [...n].length;
  if (len !== 18) return [`统一社会信用代码应为 18 位，实际为 ${len} 位 / a unified social credit code has 18 characters, this one has ${len}`];
  // GB 32100-2015 代码字符集: digits and capitals, never I O Z S V (confusable with 1 0 2 5 U).
  const bad = firstBad(n, /[0-9A-HJ-NP-RTUWXY]/);
  if (bad) {
    return [
      `第 ${bad.pos} 位“${bad.ch}”不在统一社会信用代码字符集中（只用数字和大写字母，不用 I、O、Z、S、V） / character ${bad.pos} “${bad.ch}” is not in the credit-code character set (digits and capitals, never I, O, Z, S or V)`,
    ];
  }
  const problems: string[] = [];
  // GB 32100-2015: the first character is the 登记管理部门代码.
  if (!Object.hasOwn(CREDIT_AUTHORITIES, n[0]!)) {
    problems.push(`第 1 位“${n[0]!}”不是登记管理部门代码（1、2、3、4、5、6、7、8、9、A、N、Y） / the first character “${n[0]!}” is not a registration-authority code (1–9, A, N or Y)`);
  }
  // GB 32100-2015 校验码 (MOD 31).
  if (creditCodeCheckChar(n.slice(0, 17)) !== n[17]) problems.push(MSG_CHECK);
  return problems;
}

function passportProblems(n: string): string[] {
  // No single format: Chinese ordinary passports are E/G + 8 digits, foreign ones vary (ICAO 9303
  // allows up to 9 characters in the MRZ field, longer numbers run on into the optional data).
  const bad = firstBad(n, /[0-9A-Z]/);
  if (bad) return [`第 ${bad.pos} 位“${bad.ch}”不正确：护照号码只含字母和数字 / character ${bad.pos} “${bad.ch}” is not allowed: a passport number has only letters and digits`];
  const len = n.length;
  if (len < 5 || len > 20) return [`护照号码应为 5–20 位，实际为 ${len} 位 / a passport number has 5–20 characters, this one has ${len}`];
  return [];
}

function hkMacaoPermitProblems(n: string): string[] {
  // 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), then 8 digits, plus 2 for the number of
  // issues on the 2013 card ("回乡证").
  if (!/^[HM]/.test(n)) return [`港澳居民来往内地通行证号码以 H（香港）或 M（澳门）开头 / the number begins with H (Hong Kong) or M (Macao)`];
  if (!/^[HM]\d+$/.test(n)) {
    const bad = firstBad(n.slice(1), /\d/)!;
    return [`第 ${bad.pos + 1} 位“${bad.ch}”不正确：字母后只能是数字 / character ${bad.pos + 1} “${bad.ch}” is not allowed: only digits follow the letter`];
  }
  const digits = n.length - 1;
  if (digits !== 8 && digits !== 10) return [`字母后应为 8 位或 10 位数字，实际为 ${digits} 位 / the letter is followed by 8 or 10 digits, this one has ${digits}`];
  return [];
}

function taiwanPermitProblems(n: string): string[] {
  // 台湾居民来往大陆通行证: 8 digits on the card since 2015; older booklets add 2 characters
  // (issue count or letter) for 10 in all.
  const bad = firstBad(n, /[0-9A-Z]/);
  if (bad) return [`第 ${bad.pos} 位“${bad.ch}”不正确：只填字母和数字，不填括号 / character ${bad.pos} “${bad.ch}” is not allowed: letters and digits only, no brackets`];
  if (n.length !== 8 && n.length !== 10) return [`台湾居民来往大陆通行证号码应为 8 位（或旧证 10 位），实际为 ${n.length} 位 / the number has 8 characters (10 on older permits), this one has ${n.length}`];
  if (!/^\d{8}/.test(n)) return ['前 8 位应为数字 / the first 8 characters must be digits'];
  return [];
}

function foreignerPermanentProblems(n: string): string[] {
  const len = [...n].length;
  if (len === 15) {
    // 2004/2017 card: 3-letter nationality code (ISO 3166-1 alpha-3) + 12 digits.
    if (!/^[A-Z]{3}\d{12}$/.test(n)) return ['15 位的旧版号码应为 3 个字母加 12 位数字 / the 15-character (old) number is 3 letters followed by 12 digits'];
    return [];
  }
  if (len === 18) {
    // 2023 card (国家移民管理局, from 2023-12-01): 9 + 16 digits + a GB 11643 MOD 11-2 check character.
    if (!n.startsWith('9')) return ['18 位的新版号码以 9 开头 / the 18-digit (2023) number begins with 9'];
    const form = form18Problems(n, '外国人永久居留身份证号码', 'permanent residence card number');
    if (form.length > 0) return form;
    if (residentIdCheckDigit(n.slice(0, 17)) !== n[17]) return [MSG_CHECK];
    return [];
  }
  return [`外国人永久居留身份证号码应为 18 位（2023 年新版）或 15 位（旧版），实际为 ${len} 位 / the number has 18 characters (2023 card) or 15 (older cards), this one has ${len}`];
}

function otherProblems(n: string): string[] {
  const len = [...n].length;
  if (len > 40) return [`证件号码最多 40 个字符，实际为 ${len} 个 / at most 40 characters, this one has ${len}`];
  const bad = firstBad(n, /^\P{C}$/u);
  if (bad) return [`第 ${bad.pos} 位含有不可打印的字符 / character ${bad.pos} cannot be printed`];
  return [];
}

/**
 * Checks a document number for the chosen document type. `opts.today` (YYYY-MM-DD, default today
 * in China) bounds the date of birth.
 */
export function checkIdDocument(type: IdDocType, raw: string, opts?: { today?: string }): IdCheck {
  const today = opts?.today ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
  const normalized = normalizeIdNumber(raw);
  if (normalized === '') return { ok: false, normalized, problems: ['请填写证件号码 / the document number is missing'] };
  let problems: string[];
  switch (type) {
    case 'resident-id':
      problems = residentIdProblems(normalized, today);
      break;
    case 'residence-permit':
      problems = residencePermitProblems(normalized, today);
      break;
    case 'credit-code':
      problems = creditCodeProblems(normalized);
      break;
    case 'passport':
      problems = passportProblems(normalized);
      break;
    case 'hk-macao-permit':
      problems = hkMacaoPermitProblems(normalized);
      break;
    case 'taiwan-permit':
      problems = taiwanPermitProblems(normalized);
      break;
    case 'foreigner-permanent':
      problems = foreignerPermanentProblems(normalized);
      break;
    case 'other':
      problems = otherProblems(normalized);
      break;
  }
  return { ok: problems.length === 0, normalized, problems };
}

// ---------------------------------------------------------------- masking

/** Keep `front` and `back` characters, `*` for the rest. */
function keep(chars: readonly string[], front: number, back: number): string {
  return chars.map((c, i) => (i < front || i >= chars.length - back ? c : '*')).join('');
}

/**
 * The number as staff lists and the copies of letters show it (个人信息保护法 第五十一条: 去标识化).
 * An 18-character resident ID or residence permit keeps the first 6 (address code) and the last 4,
 * hiding the date of birth: 330102********123X (10 of 18 shown, the common display form). A credit
 * code keeps the first 2 and last 4. Every other number keeps the first 1 and last 3, cut back so
 * that at most 45% of it shows (a 9-character passport shows 4: E*****678; 5 characters show 2).
 */
export function maskIdNumber(type: IdDocType, normalized: string): string {
  const chars = [...normalizeIdNumber(normalized)];
  const n = chars.length;
  if ((type === 'resident-id' || type === 'residence-permit') && n === 18) return keep(chars, 6, 4);
  const [front, back] = type === 'credit-code' ? [2, 4] : [1, 3];
  const cap = Math.floor((n * 45) / 100);
  const f = Math.min(front, cap);
  return keep(chars, f, Math.min(back, cap - f));
}

// ---------------------------------------------------------------- who may use what

const PERSON_DOC_TYPES: readonly IdDocType[] = ID_DOC_TYPES.filter((t) => t !== 'credit-code');
const ORGANISATION_DOC_TYPES: readonly IdDocType[] = ['credit-code', 'other'];

/** Documents an applicant of this kind may prove identity with (natural person vs 法人或其他组织). */
export function applicantDocTypes(applicant: ApplicantType): IdDocType[] {
  return [...(isOrganisation(applicant) ? ORGANISATION_DOC_TYPES : PERSON_DOC_TYPES)];
}
