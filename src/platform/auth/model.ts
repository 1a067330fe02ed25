/**
 * Staff roles and what each may do. Pure rules, no I/O: routes ask `can(user, permission)` and,
 * for agency-scoped work, `inScope(user, targetAgencyAncestry)`.
 */
export const ROLES = [
  'editor',
  'reviewer',
  'request_officer',
  'agency_admin',
  'supervisor',
  'inspector',
  'oversight',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  editor: '信息编辑',
  reviewer: '信息审核',
  request_officer: '依申请公开经办',
  agency_admin: '单位管理员',
  supervisor: '监督（主管部门）',
  inspector: '网站检查员',
  oversight: '外部监督（只读，如人大）',
  system_admin: '系统管理员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = [
  'workbench.view',
  'agency.view',
  'agency.manage',
  'user.manage',
  'audit.read',
  'calendar.manage',
  'site.manage',
  'record.view',
  'record.edit',
  'record.review',
  'help.manage',
  'request.view',
  'request.handle',
  'request.approve',
  'report.view',
  'report.edit',
  'service.view',
  'service.manage',
  'inspection.view',
  'inspection.manage',
  'participation.view',
  'consultation.manage',
  'message.answer',
  'message.supervise',
  'assessment.view',
  'accountability.view',
  'accountability.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Supervisors watch their agency and everything below it; their only writes are the supervisory
// ones (complaint findings, accountability follow-ups). The oversight role (people's congress,
// media liaison) reads the supervision figures of the whole government and never writes.
const GRANTS: Readonly<Record<Permission, readonly Role[]>> = {
  'workbench.view': ROLES,
  'agency.view': ROLES,
  'agency.manage': ['agency_admin', 'system_admin'],
  'user.manage': ['agency_admin', 'system_admin'],
  'audit.read': ['agency_admin', 'supervisor', 'system_admin'],
  'calendar.manage': ['system_admin'],
  'site.manage': ['system_admin'],
  // 主动公开 workflow: editors draft and submit, reviewers approve, revise and withdraw.
  'record.view': ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'],
  'record.edit': ['editor'],
  'record.review': ['reviewer'],
  // Help pages are public guidance: edited by reviewers (who publish) and system admins.
  'help.manage': ['reviewer', 'system_admin'],
  // 依申请公开: officers handle, the agency admin (head of the disclosure office) approves
  // extensions, supervisors read. Whose requests each may see is requests/access.ts.
  'request.view': ['request_officer', 'agency_admin', 'supervisor', 'system_admin'],
  'request.handle': ['request_officer'],
  'request.approve': ['agency_admin'],
  // 年度报告: compiled by the disclosure office (agency admin) and editors, read by reviewers and
  // supervisors; publication itself is the catalogue's editor → reviewer workflow.
  'report.view': ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'],
  'report.edit': ['editor', 'agency_admin'],
  // 便民服务: the service list and 双公示 are kept by the agency's editors and its admin, read by
  // reviewers and supervisors.
  'service.view': ['editor', 'reviewer', 'agency_admin', 'supervisor', 'system_admin'],
  'service.manage': ['editor', 'agency_admin'],
  // 政府网站检查 (国办秘函〔2019〕19号): inspectors register sites and run inspections; supervisors and
  // agency admins read the scores of the sites in their scope.
  'inspection.view': ['inspector', 'supervisor', 'agency_admin', 'system_admin'],
  'inspection.manage': ['inspector', 'system_admin'],
  // 监督保障 (条例 第四十六、四十七条): consultations are run by the agency's editors, reviewers and
  // its admin; messages are answered by the disclosure office (request officers, admin); the
  // supervisor rules on complaints and follows up accountability cases; oversight reads.
  'participation.view': ['editor', 'reviewer', 'request_officer', 'agency_admin', 'supervisor', 'oversight', 'system_admin'],
  'consultation.manage': ['editor', 'reviewer', 'agency_admin'],
  'message.answer': ['request_officer', 'agency_admin'],
  'message.supervise': ['supervisor'],
  'assessment.view': ['agency_admin', 'supervisor', 'oversight', 'system_admin'],
  'accountability.view': ['agency_admin', 'supervisor', 'oversight', 'system_admin'],
  'accountability.manage': ['supervisor'],
};

export interface StaffIdentity {
  readonly id: number;
  readonly login: string;
  readonly displayName: string;
  readonly agencyId: number;
  readonly roles: readonly Role[];
}

export function can(user: StaffIdentity, permission: Permission): boolean {
  return user.roles.some((r) => GRANTS[permission].includes(r));
}

/**
 * Agency scope: a system admin acts everywhere; everyone else acts on their own agency and the
 * agencies below it. `targetAncestry` lists the target agency's id followed by all its ancestors.
 */
export function inScope(user: StaffIdentity, targetAncestry: readonly number[]): boolean {
  if (user.roles.includes('system_admin')) return true;
  return targetAncestry.includes(user.agencyId);
}

/** Roles a user may hand out: only a system admin can create another system admin. */
export function grantableRoles(user: StaffIdentity): Role[] {
  if (user.roles.includes('system_admin')) return [...ROLES];
  // Oversight accounts (people's congress …) are created centrally, not by an agency.
  if (user.roles.includes('agency_admin')) return ROLES.filter((r) => r !== 'system_admin' && r !== 'oversight');
  return [];
}

/** Password rules for staff accounts (GB/T 22239 等级保护 asks for complexity; 10+ chars, 3 classes). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('密码至少10位 / at least 10 characters');
  if (password.length > 200) problems.push('密码过长 / at most 200 characters');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类 / use at least three of: lower case, upper case, digits, symbols');
  return problems;
}
