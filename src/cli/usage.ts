import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad command-line usage: the CLI prints the message and the command's help, and exits with 2. */
export class UsageError extends Error {
  constructor(message: string, readonly help: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, turning its errors into UsageError with the command's help text. */
export function parseCommand<O extends Options>(args: string[], options: O, help: string, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), help);
  }
}

export function required(value: string | undefined, name: string, help: string): string {
  if (value === undefined || value === '') throw new UsageError(`缺少参数 --${name} / missing --${name}`, help);
  return value;
}
