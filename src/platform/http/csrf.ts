import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import { cookieOptions } from './cookies.js';

/**
 * CSRF protection for every HTML form (OWASP "signed double-submit"): a visitor gets a random
 * httpOnly cookie; the form token is an HMAC of it under the app secret. Signed-in staff get a
 * token bound to their session instead. JSON API routes take no cookies and need no token.
 */
export const CSRF_COOKIE = 'gk_csrf';

function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function csrfTokenFor(
  request: FastifyRequest,
  reply: FastifyReply,
  appSecret: string,
  cookieSecure: 'auto' | boolean,
): string {
  if (request.sessionCsrfSecret) return hmac(appSecret, `s:${request.sessionCsrfSecret}`);
  let nonce = request.cookies[CSRF_COOKIE];
  if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
    nonce = randomBytes(24).toString('base64url');
    request.cookies[CSRF_COOKIE] = nonce;
    reply.setCookie(CSRF_COOKIE, nonce, cookieOptions(cookieSecure, request));
  }
  return hmac(appSecret, `a:${nonce}`);
}

export function assertCsrf(request: FastifyRequest, appSecret: string): void {
  const body = request.body as Record<string, unknown> | undefined;
  // A multipart form carries its fields as { value } objects (@fastify/multipart attachFieldsToBody).
  const field = body?._csrf;
  const fromBody = typeof field === 'string' ? field : (field as { value?: unknown } | undefined)?.value;
  const sent = (typeof fromBody === 'string' ? fromBody : undefined) ?? request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent.length === 0) throw errors.csrf();
  const expected = request.sessionCsrfSecret
    ? hmac(appSecret, `s:${request.sessionCsrfSecret}`)
    : request.cookies[CSRF_COOKIE]
      ? hmac(appSecret, `a:${request.cookies[CSRF_COOKIE]}`)
      : undefined;
  if (!expected) throw errors.csrf();
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw errors.csrf();
}
