/**
 * Validation problems of the application form, placed where the visitor needs them: beside each
 * field and, linked to the field, in the summary at the top of the form (WCAG 3.3.1, 3.3.3).
 * The service answers AppError details as "field: message" (parseInput, intake.ts).
 */

/** Field names of applicationSchema with the labels the form shows. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  applicantType: '申请人类型',
  applicantName: '姓名或名称',
  idDocType: '身份证明类型',
  idDocNumber: '证件号码',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  title: '所需政府信息的名称',
  docNumber: '文号',
  description: '所需信息的内容描述',
  deliveryForm: '获取信息的形式',
  deliveryMethod: '获取信息的方式',
  agency: '受理机关',
  oneMatter: '一事一申请',
};

/** Radio groups are reached through their first option. */
const FIRST_OPTION: Readonly<Record<string, string>> = {
  applicantType: 'natural',
  deliveryForm: 'paper',
  deliveryMethod: 'post',
};

/** The id of the control a problem with `field` should take the visitor to. */
export function anchorFor(field: string): string {
  const first = FIRST_OPTION[field];
  return first ? `f-${field}-${first}` : `f-${field}`;
}

export type FieldProblems = Readonly<Record<string, readonly string[]>>;

export interface FormProblems {
  /** messages by field name, in the order the service gave them */
  readonly byField: FieldProblems;
  /** problems that belong to no field of the form */
  readonly general: readonly string[];
}

export const NO_PROBLEMS: FormProblems = { byField: {}, general: [] };

/** Splits "field: message" details onto the form's fields; anything else stays general. */
export function formProblems(details: readonly string[]): FormProblems {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const detail of details) {
    const m = /^([A-Za-z]+): ([\s\S]*)$/.exec(detail);
    const field = m?.[1];
    if (m && field && Object.hasOwn(FIELD_LABELS, field)) (byField[field] ??= []).push(m[2] ?? '');
    else general.push(detail);
  }
  return { byField, general };
}

export function hasProblems(p: FormProblems): boolean {
  return p.general.length > 0 || Object.keys(p.byField).length > 0;
}
