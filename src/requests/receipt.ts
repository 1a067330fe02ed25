/*
 * 收到申请之日 (date of receipt) of a 依申请公开 request, by channel: 条例 第三十一条 (reference §1.4).
 * Pure: the caller passes Beijing calendar dates ('YYYY-MM-DD'); nothing here reads a clock.
 * The statutory clock (clock.ts) starts from this date.
 */
import { isIsoDate, type IsoDate } from '../platform/calendar/model.js';
import { CHANNELS, type Channel } from './model.js';

/** Bad input to the clock: a missing or impossible date, or an event log that breaks the rules. */
export class ClockInputError extends Error {
  readonly code = 'CLOCK_INPUT';
  /** each problem bilingual, "中文 / English" */
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.name = 'ClockInputError';
    this.problems = list;
  }
}

export interface ReceiptInput {
  channel: Channel;
  /** the day the applicant handed in or submitted the request (Beijing date) */
  submittedOn?: IsoDate;
  /** post needing a signature: the day the organ signed for it */
  signedOn?: IsoDate;
  /** ordinary letter, fax, e-mail: the day the office and the applicant confirmed receipt */
  confirmedOn?: IsoDate;
}

export interface Receipt {
  date: IsoDate;
  /** the article the date rests on */
  rule: string;
  /** Chinese explanation for the request page, ending with the date */
  text: string;
}

type DateField = 'submittedOn' | 'signedOn' | 'confirmedOn';
interface ReceiptRule {
  field: DateField;
  rule: string;
  text: string;
  missing: string;
}

const RULES: Readonly<Record<Channel, ReceiptRule>> = {
  // 条例 第三十一条第（一）项: 当面提交的，以提交之日为收到申请之日.
  'in-person': {
    field: 'submittedOn',
    rule: '条例 第三十一条第（一）项',
    text: '当面提交申请的，以提交之日为收到申请之日（条例第三十一条第（一）项）',
    missing: '当面提交的申请缺少提交日期 / an in-person request needs submittedOn (the day it was handed in)',
  },
  // 条例 第三十一条第（二）项: 邮寄方式提交的，以行政机关签收之日为收到申请之日.
  'post-signed': {
    field: 'signedOn',
    rule: '条例 第三十一条第（二）项',
    text: '邮寄申请以签收之日为收到申请之日（条例第三十一条第（二）项）',
    missing: '邮寄申请缺少签收日期 / a signed-for postal request needs signedOn',
  },
  // 条例 第三十一条第（二）项: 平常信函等无需签收的，于收到申请的当日与申请人确认，确认之日为收到申请之日.
  'post-ordinary': {
    field: 'confirmedOn',
    rule: '条例 第三十一条第（二）项',
    text: '以平常信函等无需签收方式邮寄的，于收到当日与申请人确认，以确认之日为收到申请之日（条例第三十一条第（二）项）',
    missing: '平常信函申请缺少与申请人确认的日期 / an ordinary-letter request needs confirmedOn (the day receipt was confirmed with the applicant)',
  },
  // 条例 第三十一条第（三）项: 通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日.
  fax: {
    field: 'confirmedOn',
    rule: '条例 第三十一条第（三）项',
    text: '通过传真提交申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）',
    missing: '传真申请缺少双方确认日期 / a fax request needs confirmedOn (双方确认之日)',
  },
  email: {
    field: 'confirmedOn',
    rule: '条例 第三十一条第（三）项',
    text: '通过电子邮件等互联网渠道提交申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）',
    missing: '电子邮件申请缺少双方确认日期 / an e-mail request needs confirmedOn (双方确认之日)',
  },
  // 条例 第三十一条第（三）项 + platform choice (docs/requests-clock.md): the web form issues the tracking
  // number at once and both sides see it, so 双方确认之日 is the submission day.
  online: {
    field: 'submittedOn',
    rule: '条例 第三十一条第（三）项',
    text: '通过本平台网上提交的，提交时即发放查询编号确认收到，双方确认之日即提交之日（北京时间）（条例第三十一条第（三）项）',
    missing: '网上申请缺少提交日期 / an online request needs submittedOn (Beijing date)',
  },
};

/** The receipt date (收到申请之日) of a request; throws ClockInputError when the channel's date is missing. */
export function receiptDate(input: ReceiptInput): Receipt {
  if (!(CHANNELS as readonly string[]).includes(input.channel)) {
    throw new ClockInputError(`未知的提交渠道 / unknown channel: ${String(input.channel)}`);
  }
  const r = RULES[input.channel];
  const date = input[r.field];
  if (date === undefined || date === '') throw new ClockInputError(r.missing);
  for (const field of ['submittedOn', 'signedOn', 'confirmedOn'] as const) {
    const v = input[field];
    if (v !== undefined && !isIsoDate(v)) throw new ClockInputError(`${field} 不是有效日期 / ${field} is not a valid YYYY-MM-DD date: ${String(v)}`);
  }
  if (input.submittedOn !== undefined && date < input.submittedOn) {
    throw new ClockInputError(`收到日期 ${date} 早于提交日期 ${input.submittedOn} / ${r.field} is before submittedOn`);
  }
  return { date, rule: r.rule, text: `${r.text}：${date}` };
}
