import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/** httpOnly, path /, Secure whenever the request came over HTTPS (COOKIE_SECURE=auto) or always (true). */
export function cookieOptions(
  secure: 'auto' | boolean,
  request: FastifyRequest,
  extra: CookieSerializeOptions = {},
): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: secure === 'auto' ? request.protocol === 'https' : secure, ...extra };
}

export const SESSION_COOKIE = 'gk_session';
