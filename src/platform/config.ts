import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Settings come from the environment once, at start-up, and nowhere else reads `process.env`.
 * Every key is documented in `.env.example`; an invalid key stops the process with all problems listed.
 */
const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a decimal port number')
    .default('3000')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535)),
  HOST: z.string().min(1).default('127.0.0.1'),
  GONGKAI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto` marks cookies Secure when the request arrived over HTTPS (directly or via a trusted proxy). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  PUBLIC_POST_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_KEY_PREFIX: z.string().default('gongkai:'),
  /** Redis key prefix of the job queues and shared crawl frontiers (`gongkai worker`). */
  JOB_KEY_PREFIX: z.string().default('gongkai:'),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** The public address of the portal, for absolute links in feeds and the sitemap. */
  PUBLIC_BASE_URL: z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be http(s)://host[:port] without a path').optional(),
  /** SMTP server for the notification digests: smtp://user:pass@host:port or smtps://…; unset = no e-mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/\s]+\/?$/, 'must be smtp://[user:pass@]host[:port] or smtps://…').optional(),
  /** Sender of the digests. */
  MAIL_FROM: z.string().min(3).default('gongkai <noreply@localhost>'),
});

export type DatabaseConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string };

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly redisUrl: string | undefined;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly cookieSecure: 'auto' | boolean;
  readonly trustProxy: boolean;
  readonly sessionTtlHours: number;
  readonly login: { readonly maxFailures: number; readonly lockMinutes: number };
  readonly publicPostLimitPerMinute: number;
  readonly rateLimitKeyPrefix: string;
  readonly jobKeyPrefix: string;
  readonly metricsToken: string | undefined;
  readonly publicBaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings in the environment mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(
    Object.entries(env)
      .map(([k, v]) => [k, v?.trim()] as const)
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.GONGKAI_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: databaseConfig(e.DATABASE_URL, dataDir),
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    login: Object.freeze({ maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES }),
    publicPostLimitPerMinute: e.PUBLIC_POST_LIMIT_PER_MINUTE,
    rateLimitKeyPrefix: e.RATE_LIMIT_KEY_PREFIX,
    jobKeyPrefix: e.JOB_KEY_PREFIX,
    metricsToken: e.METRICS_TOKEN,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
  });
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined) return { engine: 'sqlite', file: resolve(dataDir, 'gongkai.db') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { engine: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  return { engine: 'postgres', url };
}

/** A printable copy of the config with secrets (passwords in URLs) masked. */
export function redactedConfig(config: AppConfig): Record<string, unknown> {
  const mask = (value: string | undefined) => {
    if (value === undefined) return undefined;
    try {
      const u = new URL(value);
      if (u.password) u.password = '***';
      for (const key of ['password', 'sslpassword']) if (u.searchParams.has(key)) u.searchParams.set(key, '***');
      return u.toString();
    } catch {
      return '***';
    }
  };
  return {
    ...config,
    database:
      config.database.engine === 'postgres'
        ? { engine: 'postgres', url: mask(config.database.url) }
        : config.database,
    redisUrl: mask(config.redisUrl),
    smtpUrl: mask(config.smtpUrl),
    metricsToken: config.metricsToken ? '***' : undefined,
  };
}
