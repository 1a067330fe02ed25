/** The procedural letters: 补正告知书, 延期答复告知书, 征求意见函, 信息处理费收费通知书 and 受理回执. */
import type { Fee } from './fees.js';
import { chineseDate, FEE_MEASURE, labelled, p, ps, receivedSentence, REGULATION, you, yuan, yuanInWords, type Block, type Table } from './letter-text.js';
import type { AcknowledgementLetterInput, ConsultationLetterInput, CorrectionLetterInput, ExtensionLetterInput, FeeNoticeLetterInput } from './letters.js';

export function correctionBlocks(input: CorrectionLetterInput): Block[] {
  const y = you(input.applicant);
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(`经审查，${y}的申请内容不明确。根据${REGULATION}第三十条的规定，现一次性告知${y}需要补正的事项如下：`),
    ...ps(input.whatToCorrect),
    p(`请${y}于${chineseDate(input.respondBy)}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起重新计算。`),
    p('无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    p('特此告知。'),
  ];
}

export function extensionBlocks(input: ExtensionLetterInput): Block[] {
  const n = input.workingDays;
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new RangeError(`延长期限应为1–20个工作日（第三十三条第二款） / extension must be 1–20 working days, got ${n}`);
  const y = you(input.applicant);
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(`本机关不能在法定期限内作出答复，需要延长答复期限。`),
    ...labelled('延期理由：', input.reason),
    p(
      `根据${REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${n}个工作日，本机关将于${chineseDate(input.newDueDate)}前作出答复。`,
    ),
    p('特此告知。'),
  ];
}

export function consultationBlocks(input: ConsultationLetterInput): Block[] {
  // Addressed to the party: the applicant is never named (the request title and description are not used either).
  const r = input.request;
  const asked = `本机关于${chineseDate(r.receivedOn)}收到政府信息公开申请（申请编号：${r.trackingNumber}），有申请人申请公开以下政府信息：`;
  const replyBy = chineseDate(input.replyBy);
  if (input.party.isAgency) {
    return [
      p(asked),
      ...ps(input.infoSummary),
      p(`该政府信息涉及贵单位。根据${REGULATION}第三十四条的规定，现征求贵单位对公开该政府信息的意见。`),
      p(`请贵单位自收到本函之日起15个工作日内（于${replyBy}前）书面回复意见；不同意公开的，请说明理由。逾期未提出意见的，视为同意公开。`),
      p('特此函询。'),
    ];
  }
  return [
    p(asked),
    ...ps(input.infoSummary),
    p(`经审查，公开该政府信息可能损害你方的合法权益。根据${REGULATION}第三十二条的规定，现书面征求你方意见。`),
    p(`请你方自收到本函之日起15个工作日内（于${replyBy}前）书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。`),
    p(`你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。`),
    p('特此函询。'),
  ];
}

/** What a free band of the fee table says (also matched by the plain-text rendering). */
export const FREE = '免费';
const FEE_METHOD: Readonly<Record<FeeNoticeLetterInput['method'], { fee: Fee['method']; label: string }>> = {
  'per-request': { fee: '按件', label: '按件计收（同一申请人一个自然月内累计申请件数）' },
  'per-page': { fee: '按量', label: '按量计收（本申请提供政府信息的页数）' },
};

function feeTable(input: FeeNoticeLetterInput): Table {
  const perPage = input.method === 'per-page';
  const unit = perPage ? '页' : '件';
  const band = (from: number, to: number) => (from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`);
  return {
    caption: '信息处理费计算明细',
    head: [perPage ? '页数区间' : '申请件次', '数量', '收费标准', '金额'],
    rows: input.fee.lines.map((l) => [band(l.from, l.to), `${l.units}${unit}`, l.rate === 0 ? FREE : `${l.rate}元/${unit}`, yuan(l.amount)]),
    foot: ['合计', '', '', yuan(input.fee.amount)],
  };
}

export function feeNoticeBlocks(input: FeeNoticeLetterInput): Block[] {
  const m = FEE_METHOD[input.method];
  if (input.fee.method !== m.fee) throw new RangeError(`收费方式与计算结果不一致 / method ${input.method} does not match a ${input.fee.method} fee`);
  const y = you(input.applicant);
  const total = input.fee.amount;
  return [
    p(`${receivedSentence(input)}${y}申请公开“${input.request.title}”。`),
    p(
      `经审查，${y}申请公开政府信息的数量、频次明显超过合理范围。根据${REGULATION}第四十二条和${FEE_MEASURE}的规定，本机关决定对该申请收取信息处理费。`,
    ),
    p(`计收方式：${m.label}，按超额累进方式计算，明细如下：`),
    { table: feeTable(input) },
    p(`应缴纳信息处理费合计人民币${yuan(total)}（大写：${yuanInWords(total)}）。`),
    p(`请${y}于${chineseDate(input.payBy)}前缴纳。`),
    ...labelled('缴费方式：', input.payment),
    p('逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    p('特此通知。'),
  ];
}

export function acknowledgementBlocks(input: AcknowledgementLetterInput): Block[] {
  const r = input.request;
  const y = you(input.applicant);
  return [
    p(`${y}于${chineseDate(r.submittedOn)}提出的政府信息公开申请，本机关已收到。`),
    p(`申请编号：${r.trackingNumber}`),
    p(`收到申请日期：${chineseDate(r.receivedOn)}（依照${REGULATION}第三十一条确定）`),
    p(`申请公开的政府信息：“${r.title}”`),
    ...labelled('内容描述：', r.description),
    p(`本机关将在${chineseDate(input.dueDate)}前答复（法定期限：自收到申请之日起20个工作日，${REGULATION}第三十三条）。`),
    p(
      `申请内容需要补正的，答复期限自本机关收到补正后的申请之日起重新计算；征求第三方或者其他机关意见所需时间不计算在答复期限内；需要延长答复期限的，本机关将另行书面告知。`,
    ),
    p('请妥善保管本回执，凭申请编号查询办理进度。'),
  ];
}
