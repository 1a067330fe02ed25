import type { FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import { can, type Permission, type StaffIdentity } from './model.js';

/** preHandler for staff routes: 401 when not signed in, 403 without the permission. */
export function requirePermission(permission: Permission) {
  return async function permissionGuard(request: FastifyRequest): Promise<void> {
    if (!request.staff) throw errors.unauthenticated();
    if (!can(request.staff, permission)) throw errors.forbidden();
  };
}

/** The signed-in staff member inside a guarded handler. */
export function staffOf(request: FastifyRequest): StaffIdentity {
  if (!request.staff) throw errors.unauthenticated();
  return request.staff;
}

/** The audit actor and client address for a staff request. */
export function byStaff(request: FastifyRequest) {
  const staff = staffOf(request);
  return { actor: { id: staff.id, login: staff.login }, staff, ip: request.ip };
}
