/*
 * 信息处理费 (information processing fee), pure rules: 国办函〔2020〕109号《政府信息公开信息处理费管理办法》
 * (reference §6). A fee is charged only for requests clearly beyond a reasonable number or
 * frequency (条例 第四十二条); when it is, the organ charges ONE of two progressive schedules per
 * request, never both (办法 第三条). Every result carries its breakdown, so a fee notice can show
 * how the amount was reached.
 */

export interface FeeBand {
  /** first unit (request ordinal or page) the band covers, 1-based */
  readonly from: number;
  /** last unit, inclusive; null = no upper end */
  readonly to: number | null;
  /** yuan per unit in the band */
  readonly rate: number;
}

export interface FeeSchedule {
  /** 按件: the applicant's requests in one calendar month (办法 第四条) */
  readonly perRequest: {
    readonly bands: readonly FeeBand[];
    /** beyond the last band: bands of `step` requests, each `increment` yuan dearer */
    readonly step: number;
    readonly increment: number;
  };
  /** 按量: the pages of one request (办法 第五条) */
  readonly perPage: readonly FeeBand[];
}

// 办法 第四条: 10件以下免费；11—30件 100元/件；30件以上以10件为一档，每增加一档提高100元/件.
// Reading (reference §6, to confirm with the client): 31–40 → 200, 41–50 → 300, …
// 办法 第五条: 30页以下免费；31—100页 10元/页；101—200页 20元/页；200页以上 40元/页.
export const FEE_SCHEDULE_2020: FeeSchedule = {
  perRequest: {
    bands: [
      { from: 1, to: 10, rate: 0 },
      { from: 11, to: 30, rate: 100 },
    ],
    step: 10,
    increment: 100,
  },
  perPage: [
    { from: 1, to: 30, rate: 0 },
    { from: 31, to: 100, rate: 10 },
    { from: 101, to: 200, rate: 20 },
    { from: 201, to: null, rate: 40 },
  ],
};

export interface FeeLine {
  readonly from: number;
  readonly to: number;
  readonly units: number;
  readonly rate: number;
  readonly amount: number;
}

export interface Fee {
  readonly method: '按件' | '按量';
  /** yuan */
  readonly amount: number;
  readonly lines: readonly FeeLine[];
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
}

/** 按件: the rate of the applicant's n-th request in the calendar month (同一申请人一个自然月内累计). */
export function perRequestRate(n: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): number {
  checkCount(n, 'request ordinal');
  const { bands, step, increment } = schedule.perRequest;
  const band = bands.find((b) => n >= b.from && (b.to === null || n <= b.to));
  if (band) return band.rate;
  const last = bands.at(-1)!;
  const beyond = n - (last.to ?? last.from) - 1; // 0 for the first request past the last band
  return last.rate + increment * (1 + Math.floor(beyond / step));
}

/** 按件 fee of one request: its rate, from its place among the applicant's requests this month. */
export function perRequestFee(ordinalInMonth: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): Fee {
  const rate = perRequestRate(ordinalInMonth, schedule);
  return { method: '按件', amount: rate, lines: [{ from: ordinalInMonth, to: ordinalInMonth, units: 1, rate, amount: rate }] };
}

/** 按量 fee of one request: progressive over its pages, each band charged only on its own pages (超额累进). */
export function perPageFee(pages: number, schedule: FeeSchedule = FEE_SCHEDULE_2020): Fee {
  checkCount(pages, 'page count');
  const lines: FeeLine[] = [];
  for (const band of schedule.perPage) {
    if (pages < band.from) break;
    const to = band.to === null ? pages : Math.min(pages, band.to);
    const units = to - band.from + 1;
    lines.push({ from: band.from, to, units, rate: band.rate, amount: units * band.rate });
  }
  return { method: '按量', amount: lines.reduce((sum, l) => sum + l.amount, 0), lines };
}
