import type { ImportProblem } from '../platform/files/table-import.js';
import type { Io } from './usage.js';

/**
 * Lists an import's problems as `file:line [column] reason` and says whether to stop: any problem
 * stops the whole import (nothing is written) unless the user asked to skip the invalid rows.
 */
export function stopOnProblems(io: Io, file: string, problems: readonly ImportProblem[], validCount: number, noun: { zh: string; en: string }, skipInvalid: boolean): boolean {
  for (const p of problems) io.err(`${file}:${p.line} [${p.column}] ${p.reason}`);
  if (problems.length === 0 || skipInvalid) return false;
  io.err(`发现 ${problems.length} 个错误，未导入任何${noun.zh}；改正后重试，或用 --skip-invalid 只导入正确的 ${validCount} 行`);
  io.err(`${problems.length} problem(s) found; nothing imported (fix them, or use --skip-invalid to import the ${validCount} valid ${noun.en})`);
  return true;
}
