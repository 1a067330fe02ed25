/** The reply letter (答复书): the decision paragraphs for each outcome and the appeal-rights sentence. */
import { DELIVERY_FORM_LABELS, DELIVERY_METHOD_LABELS, outcomeOf, type OutcomeReason } from './model.js';
import { labelled, p, ps, receivedSentence, REGULATION, you, type Block } from './letter-text.js';
import type { ReplyLetterInput } from './letters.js';

/**
 * The appeal-rights paragraph every reply ends with (条例 第五十一条; 行政复议法 第二十条; 行政诉讼法
 * 第四十六条). Since 2024-01-01 a refusal to disclose must go to 行政复议 first (行政复议法 2023
 * 第二十三条第一款第（四）项: 申请政府信息公开，行政机关不予公开); a partial disclosure refuses the
 * rest, so it is treated the same — telling an applicant they may sue directly when they may not
 * would cost them the case, while 复议 first is always open to them.
 */
export function appealRightsSentence(reconsiderationBody: string, court: string, reconsiderationFirst = false): string {
  if (reconsiderationFirst) {
    return `如对本答复不服，应当先在收到本答复书之日起60日内向${reconsiderationBody}申请行政复议；对行政复议决定不服的，可以依法向${court}提起行政诉讼。`;
  }
  return `如对本答复不服，可以在收到本答复书之日起60日内向${reconsiderationBody}申请行政复议，或者在6个月内向${court}提起行政诉讼。`;
}
const APPEAL_BASIS = `${REGULATION}第五十一条、《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条`;
const APPEAL_BASIS_RECONSIDERATION_FIRST = `${REGULATION}第五十一条、《中华人民共和国行政复议法》第二十条和第二十三条第一款第（四）项、《中华人民共和国行政诉讼法》第四十六条`;

// ---------------------------------------------------------------- reply (答复书)

const reconsiderationFirst = (o: OutcomeReason): boolean => o.group === 'withheld' || o.group === 'partial';

/** The statement of the decision for each outcome: the standard paragraphs, citing `o.basis` verbatim. */
function decisionBlocks(input: ReplyLetterInput, o: OutcomeReason): Block[] {
  const y = you(input.applicant);
  const basis = `根据${o.basis}的规定`;
  const delivery = p(`提供形式：${DELIVERY_FORM_LABELS[input.deliveryForm]}；获取方式：${DELIVERY_METHOD_LABELS[input.deliveryMethod]}。`);
  const reasons = (label: string) => labelled(label, input.reasons);
  const withheld = (finding: string): Block[] => [p(`${y}申请公开的政府信息${finding}${basis}，本机关决定不予公开。`), ...reasons('理由如下：')];
  switch (o.code) {
    case 'disclosed.already-public':
      return [
        p(`经查，${y}申请公开的政府信息本机关已经主动公开。${basis}，现告知${y}获取该政府信息的方式和途径：`),
        ...ps(input.provided),
        ...reasons('说明：'),
      ];
    case 'disclosed.provided':
      return [p(`${y}申请公开的政府信息属于可以公开的政府信息。${basis}，本机关决定予以公开。`), ...ps(input.provided), delivery, ...reasons('说明：')];
    case 'partial':
      return [
        p(`${y}申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。${basis}，本机关对可以公开的部分予以公开，对其余部分不予公开。`),
        ...labelled('予以公开的部分：', input.provided),
        delivery,
        ...reasons('不予公开部分的理由：'),
      ];
    case 'withheld.state-secret':
      return withheld('属于依法确定为国家秘密的政府信息。');
    case 'withheld.law-prohibited':
      return withheld('属于法律、行政法规禁止公开的政府信息。');
    case 'withheld.three-safety':
      return withheld('公开后可能危及国家安全、公共安全、经济安全、社会稳定。');
    case 'withheld.third-party':
      return withheld('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。');
    case 'withheld.internal-affairs':
      return withheld('属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。');
    case 'withheld.process-info':
      return withheld('属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。');
    case 'withheld.enforcement-file':
      return withheld('属于行政执法案卷信息。');
    case 'withheld.administrative-query':
      return [
        p(`${y}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。${basis}，请${y}按照有关法律、行政法规的规定办理。`),
        ...reasons('说明：'),
      ];
    case 'unavailable.not-held': {
      const ref = input.referral;
      return [
        ref
          ? p(`经检索，本机关未制作或获取该政府信息，${y}申请公开的政府信息不属于本机关负责公开。${basis}，现告知${y}：该政府信息由${ref.agencyName}负责公开，联系方式：${ref.contact}。`)
          : p(`经检索，本机关未制作或获取该政府信息。${basis}，现告知${y}：${y}申请公开的政府信息不存在。`),
        ...reasons('说明：'),
      ];
    }
    case 'unavailable.needs-creation':
      return [
        p(`本机关没有${y}申请公开的现成政府信息，提供该信息需要对现有政府信息进行加工、分析。${basis}，本机关不予提供。`),
        ...reasons('说明：'),
      ];
    case 'unavailable.still-unclear':
      return [
        p(`本机关已一次性告知${y}需要补正的事项，经补正后${y}的申请内容仍不明确，本机关无法确定${y}申请公开的政府信息。${basis}，本机关无法提供。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.petition':
      return [
        p(`${y}提出的申请实质上属于信访、投诉、举报等诉求，不属于政府信息公开申请。${basis}，本机关不作为政府信息公开申请处理，${y}可以通过信访、投诉、举报等相应渠道提出。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.repeat':
      return [
        p(`${y}本次申请公开的政府信息，本机关已就${y}此前提出的相同申请作出答复，${y}重复申请公开相同的政府信息。${basis}，本机关不予重复处理。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.publication':
      return [
        p(`${y}申请获取的是政府公报、报刊、书籍等公开出版物。${basis}，本机关不作为政府信息公开申请处理，现告知${y}获取的途径：`),
        ...ps(input.provided),
        ...reasons('说明：'),
      ];
    case 'not-processed.excessive':
      return [
        p(`${y}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求${y}说明理由，${y}提出的理由不合理。${basis}，本机关不予处理。`),
        ...reasons('说明：'),
      ];
    case 'not-processed.confirm-reissue':
      return [
        p(`${y}的申请系要求本机关确认或者重新出具${y}已经获取的政府信息，不属于政府信息公开申请。${basis}，本机关不予处理。`),
        ...reasons('说明：'),
      ];
    case 'other.correction-overdue':
      return [
        p(`本机关已一次性告知${y}需要补正的事项和补正期限，${y}无正当理由逾期未补正。${basis}，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`),
        ...reasons('说明：'),
      ];
    case 'other.fee-unpaid':
      return [
        p(`本机关已向${y}发出信息处理费收费通知书，${y}逾期未按收费通知要求缴纳费用。${basis}，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`),
        ...reasons('说明：'),
      ];
    case 'other.other':
      return [p(`${basis}，本机关对${y}的申请处理如下：`), ...ps(input.reasons)];
    default:
      throw new RangeError(`答复书没有此处理结果的模板 / no reply template for outcome ${o.code}`);
  }
}

export function replyBlocks(input: ReplyLetterInput): Block[] {
  const o = outcomeOf(input.outcome);
  if (!o) throw new RangeError(`未知的处理结果 / unknown outcome code: ${input.outcome}`);
  return [
    p(`${receivedSentence(input)}${you(input.applicant)}申请公开“${input.request.title}”。经审查，现答复如下：`),
    ...decisionBlocks(input, o),
    reconsiderationFirst(o)
      ? p(`根据${APPEAL_BASIS_RECONSIDERATION_FIRST}的规定，${appealRightsSentence(input.reconsiderationBody, input.court, true)}`)
      : p(`根据${APPEAL_BASIS}的规定，${appealRightsSentence(input.reconsiderationBody, input.court)}`),
    p('特此答复。'),
  ];
}
