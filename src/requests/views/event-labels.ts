/**
 * What each request event is called on the applicant's timeline and in staff views. Only the
 * kinds in PUBLIC_EVENT_LABELS ever reach the applicant; internal kinds (notes, assignments,
 * extension proposals, appeal records) are labelled for staff only, and an unknown kind is left
 * off the applicant's timeline even if it were ever stored without the internal flag.
 */
export const PUBLIC_EVENT_LABELS: Readonly<Record<string, string>> = {
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

const STAFF_ONLY_LABELS: Readonly<Record<string, string>> = {
  'extension-proposed': '提请延期答复',
  'extension-refused': '不同意延期答复',
  assigned: '分配经办人',
  note: '内部备注',
  appeal: '登记行政复议或诉讼',
};

/** The applicant-facing label, or undefined when the kind is not shown to the applicant. */
export function publicEventLabel(kind: string): string | undefined {
  return Object.hasOwn(PUBLIC_EVENT_LABELS, kind) ? PUBLIC_EVENT_LABELS[kind] : undefined;
}

/** The label for staff views: every known kind, and the raw kind for anything new. */
export function eventLabel(kind: string): string {
  return publicEventLabel(kind) ?? (Object.hasOwn(STAFF_ONLY_LABELS, kind) ? STAFF_ONLY_LABELS[kind]! : kind);
}
