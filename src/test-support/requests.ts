/**
 * One sample disclosure request for tests: a natural person with a resident ID whose GB 11643
 * check character is right (11010519491231002X, the standard's own example), and the personal data
 * that must never appear on a public page, feed or API answer.
 */
export const APPLICANT_SECRETS = ['张晓明', '11010519491231002X', '13800138000', 'zhangxm@example.cn', '和平路'] as const;

export function sampleApplication(agency: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    agency,
    applicantType: 'natural',
    applicantName: '张晓明',
    idDocType: 'resident-id',
    idDocNumber: '11010519491231002X',
    phone: '13800138000',
    email: 'zhangxm@example.cn',
    address: '测试市东区和平路1号',
    title: '2026年义务教育学校招生计划',
    description: '请提供2026年测试市各公办初中的招生计划分配表',
    deliveryForm: 'electronic',
    deliveryMethod: 'email',
    oneMatter: '1',
    ...extra,
  };
}
