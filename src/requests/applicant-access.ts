/**
 * The applicant's viewing cookie for 依申请公开: after the look-up (tracking number + query code) the
 * applicant holds a short-lived signed token that opens their own request's status page, letters and
 * files, and lets them rate the handling once decided. Pure: no Fastify, no I/O — the routes set and
 * read the cookie (requests/routes.public, supervision/ratings/routes).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `gk_rq` = tracking number . expiry (unix seconds) . HMAC-SHA256 under the app secret. */
export const ACCESS_COOKIE = 'gk_rq';
/** The cookie travels only under the applicant's pages. */
export const ACCESS_PATH = '/requests/status';
/** Half an hour: long enough to read and download, short enough on a shared computer. */
export const ACCESS_SECONDS = 30 * 60;

export function accessMac(secret: string, tn: string, expires: number): string {
  return createHmac('sha256', secret).update(`gk_rq\n${tn}\n${expires}`).digest('base64url');
}

/** A token opening request `tn` for ACCESS_SECONDS from now. */
export function accessToken(secret: string, tn: string, nowSeconds: number): string {
  const expires = nowSeconds + ACCESS_SECONDS;
  return `${tn}.${expires}.${accessMac(secret, tn, expires)}`;
}

/** Whether the cookie opens this request now: right number, not expired, genuine signature. */
export function accessAllowed(secret: string, token: string | undefined, tn: string, nowSeconds: number): boolean {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) return false;
  const [cookieTn = '', exp = '', mac = ''] = parts;
  const expires = Number(exp);
  if (!/^\d{1,12}$/.test(exp) || expires <= nowSeconds || expires > nowSeconds + ACCESS_SECONDS) return false;
  const expected = Buffer.from(accessMac(secret, cookieTn, expires));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) && cookieTn === tn;
}
