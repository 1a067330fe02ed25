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
