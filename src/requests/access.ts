/**
 * Who may read and handle a request. Pure rules: the caller passes the request agency's ancestry
 * (its id first, then its ancestors, nearest first).
 *
 * Applicant identity and contact are personal information (个人信息保护法 第十条, 条例 第十五条):
 * stricter than the platform's usual "own agency and below" scope. They are readable only by
 *  - the handling agency's request officers and agency admins (the 政府信息公开工作机构),
 *  - supervisors of that agency or of an agency above it (条例 第四十七条: 主管部门 监督检查),
 *  - system administrators.
 * An officer of a parent government does not see a department's applicants unless a supervisor.
 */
import type { Role, StaffIdentity } from '../platform/auth/model.js';

const HANDLING_ROLES: readonly Role[] = ['request_officer', 'agency_admin'];

export function canReadRequest(user: StaffIdentity, ancestry: readonly number[]): boolean {
  if (user.roles.includes('system_admin')) return true;
  const own = ancestry[0] === user.agencyId;
  if (own && user.roles.some((r) => HANDLING_ROLES.includes(r) || r === 'supervisor')) return true;
  return user.roles.includes('supervisor') && ancestry.includes(user.agencyId);
}

/** Registering, correcting, consulting, deciding: the handling agency's request officers. */
export function canHandleRequest(user: StaffIdentity, agencyId: number): boolean {
  return user.agencyId === agencyId && user.roles.includes('request_officer');
}

/**
 * Approving an extension (条例 第三十三条第二款: 政府信息公开工作机构负责人同意) and assigning work:
 * the handling agency's admin, who stands for the head of its disclosure office.
 */
export function canApproveForAgency(user: StaffIdentity, agencyId: number): boolean {
  return user.agencyId === agencyId && user.roles.includes('agency_admin');
}

/** Assignment: the agency admin, or an officer of the agency (taking or passing on work). */
export function canAssign(user: StaffIdentity, agencyId: number): boolean {
  return canHandleRequest(user, agencyId) || canApproveForAgency(user, agencyId);
}
