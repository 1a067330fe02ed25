/**
 * One catalogue of domain errors. Each has a stable code (tests check codes, not texts), an HTTP
 * status and a message in Chinese and English for the public. Anything not listed here is masked
 * by the error handler as a logged 500 so internal details never reach a visitor.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly zh: string,
    readonly en: string,
    readonly details?: readonly string[],
  ) {
    super(`${zh} / ${en}`);
    this.name = 'AppError';
  }

  /** The bilingual text shown to users and returned in JSON errors. */
  get publicMessage(): string {
    return `${this.zh} / ${this.en}`;
  }
}

export const errors = {
  validation: (details: readonly string[]) =>
    new AppError('VALIDATION_FAILED', 400, '提交的内容有误，请检查后重试', 'The input is invalid; please check and try again', details),
  badRequest: (zh: string, en: string) => new AppError('BAD_REQUEST', 400, zh, en),
  unauthenticated: () => new AppError('UNAUTHENTICATED', 401, '请先登录', 'Please sign in first'),
  forbidden: () => new AppError('FORBIDDEN', 403, '您没有执行此操作的权限', 'You are not allowed to do this'),
  csrf: () =>
    new AppError('CSRF_INVALID', 403, '页面已过期或来源无效，请刷新页面后重新提交', 'The form expired or came from elsewhere; reload the page and submit again'),
  notFound: (what = '页面') => new AppError('NOT_FOUND', 404, `您访问的${what}不存在`, 'Not found'),
  conflict: (zh: string, en: string) => new AppError('CONFLICT', 409, zh, en),
  loginFailed: () => new AppError('LOGIN_FAILED', 401, '用户名或密码错误', 'Wrong user name or password'),
  accountLocked: (minutes: number) =>
    new AppError('ACCOUNT_LOCKED', 423, `登录失败次数过多，账号已暂时锁定，请${minutes}分钟后再试`, `Too many failed sign-ins; the account is locked for ${minutes} minutes`),
  rateLimited: () => new AppError('RATE_LIMITED', 429, '操作过于频繁，请稍后再试', 'Too many requests; please wait and try again'),
  payloadTooLarge: () => new AppError('PAYLOAD_TOO_LARGE', 413, '提交的内容过大', 'The request body is too large'),
  internal: () => new AppError('INTERNAL', 500, '系统繁忙，请稍后再试', 'Internal error; please try again later'),
} as const;
