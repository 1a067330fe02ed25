import type { z } from 'zod';
import { errors } from '../errors.js';

/** Parses query or body input with a zod schema; failures become a 400 listing every problem. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  }
  return parsed.data;
}

export const parseQuery = parseInput;

/**
 * A submitted form's fields as strings, to show the visitor's own input again after a refusal:
 * the CSRF token dropped, repeated fields (checkbox groups) joined by '、'.
 */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').join('、');
  }
  return out;
}
