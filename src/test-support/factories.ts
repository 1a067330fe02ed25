import { createAgency } from '../agencies/service.js';
import { SYSTEM_ACTOR } from '../platform/audit/model.js';
import type { Role, StaffIdentity } from '../platform/auth/model.js';
import { createUser } from '../platform/auth/service.js';
import type { ServiceDeps } from '../platform/context.js';
import type { AgencyRow } from '../platform/db/schema.js';

export const TEST_PASSWORD = 'Test-Passw0rd!';
const bySystem = { actor: SYSTEM_ACTOR, staff: null };

export async function makeAgency(deps: ServiceDeps, overrides: Record<string, unknown> = {}): Promise<AgencyRow> {
  return createAgency(deps, bySystem, { code: 'city', name: '测试市人民政府', level: '市', kind: 'government', parentCode: null, ...overrides });
}

export async function makeUser(
  deps: ServiceDeps,
  overrides: { login: string; agencyId: number; roles: Role[]; displayName?: string; password?: string },
): Promise<StaffIdentity> {
  return createUser(deps, bySystem, {
    displayName: overrides.displayName ?? overrides.login,
    password: overrides.password ?? TEST_PASSWORD,
    ...overrides,
  });
}

/**
 * A small hierarchy used by many tests: city government → education bureau; city → district
 * government → district finance bureau; and an unrelated second city.
 */
export async function makeHierarchy(deps: ServiceDeps) {
  const city = await makeAgency(deps);
  const bureau = await makeAgency(deps, { code: 'city-edu', name: '测试市教育局', kind: 'department', parentCode: 'city' });
  const district = await makeAgency(deps, { code: 'city-d1', name: '测试市东区人民政府', level: '县', parentCode: 'city' });
  const districtBureau = await makeAgency(deps, { code: 'city-d1-cz', name: '测试市东区财政局', level: '县', kind: 'department', parentCode: 'city-d1' });
  const otherCity = await makeAgency(deps, { code: 'other', name: '另一市人民政府' });
  return { city, bureau, district, districtBureau, otherCity };
}
