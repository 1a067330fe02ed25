/**
 * 双公示 subjects on public pages (个人信息保护法 第二十八条: an ID number is sensitive personal
 * information; 国家发展改革委 双公示 data standard: natural persons are published masked). Names keep
 * the family name and, for names of three or more characters, the last character (张*某); ID numbers
 * keep the first 4 and last 2 characters. Organisations are published in full (they are not
 * personal information).
 */

const ASTERISK = '*';

/** 张三 → 张*, 张晓明 → 张*明, 欧阳娜娜 → 欧**娜; Latin names keep their first letter per word. */
export function maskPersonName(name: string): string {
  const n = name.normalize('NFKC').trim();
  if (n === '') return '';
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(n)) {
    return n
      .split(/\s+/)
      .map((w) => `${w[0] ?? ''}${ASTERISK.repeat(Math.max(1, w.length - 1))}`)
      .join(' ');
  }
  const chars = [...n];
  if (chars.length === 1) return ASTERISK;
  if (chars.length === 2) return `${chars[0]}${ASTERISK}`;
  return `${chars[0]}${ASTERISK.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** 11010519491231002X → 1101************2X; anything shorter than 8 characters is hidden entirely. */
export function maskPublicIdNumber(id: string): string {
  const v = id.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (v.length < 8) return ASTERISK.repeat(v.length || 4);
  return `${v.slice(0, 4)}${ASTERISK.repeat(v.length - 6)}${v.slice(-2)}`;
}

/*
 * Vehicle plates (GA 36-2018 号牌): a province's one-character abbreviation, the issuing authority's
 * letter, then 5 characters (6 for new-energy plates), often written with a separating dot. A
 * natural person's plate identifies them as well as their name (个人信息保护法 第四条), so in a
 * natural person's decision it keeps only the province and authority: 澜A·5K3Q8 → 澜A·*****.
 */
const PLATE = /(\p{Script=Han}[A-Z])([·•.．\-\s]?)([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])/gu;

export function maskVehiclePlates(text: string): string {
  return text.replace(PLATE, (whole, head: string, sep: string, tail: string) => (/\d/.test(tail) ? `${head}${sep}${ASTERISK.repeat(tail.length)}` : whole));
}
