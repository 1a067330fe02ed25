import { digestOf } from '../digest.js';

/** Who did it: a signed-in staff member, or the system itself (CLI, seed, scheduled jobs). */
export interface AuditActor {
  readonly id: number | null;
  readonly login: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, login: 'system' };

export interface AuditInput {
  readonly actor: AuditActor;
  readonly agencyId: number | null;
  /** Dotted verb, e.g. `agency.update`, `user.create`, `auth.login`. */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly summary: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly ip?: string;
}

// Never put secrets into the log, not even into the list of changed fields' values.
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'csrfSecret', 'queryCode']);

function withoutSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Names of the top-level fields whose values differ between two snapshots. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

export interface AuditRowValues {
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: string;
}

/** Digests of the full snapshots (secrets included, so a changed password is visible as a change). */
export function auditValues(input: AuditInput): AuditRowValues {
  const fields = input.before !== undefined && input.after !== undefined ? changedFields(input.before, input.after) : [];
  return {
    beforeDigest: input.before === undefined ? null : digestOf(input.before),
    afterDigest: input.after === undefined ? null : digestOf(input.after),
    detail: JSON.stringify({
      changed: fields,
      ...(input.after !== undefined && input.before === undefined ? { created: withoutSecrets(input.after) } : {}),
    }),
  };
}
