/**
 * What each request event is called on the applicant's timeline and in staff views. Kinds not
 * listed (internal notes, assignments, extension proposals) have no public label: the applicant's
 * timeline leaves them out even if one were ever stored without the internal flag.
 */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  received: '收到申请',
  'correction-requested': '发出补正告知',
  'correction-received': '收到补正材料',
  'consultation-started': '征求意见（暂停计时）',
  'consultation-ended': '征求意见结束',
  extended: '延期答复',
  'fee-notice': '发出收费通知',
  'fee-paid': '缴纳信息处理费',
  'later-date-set': '告知延迟答复期限',
  closed: '作出答复',
  released: '转为主动公开',
  attachment: '提供材料',
};

/** The label of an event kind, or undefined when it has none (then it is not shown to the public). */
export function eventLabel(kind: string): string | undefined {
  return Object.hasOwn(EVENT_LABELS, kind) ? EVENT_LABELS[kind] : undefined;
}
