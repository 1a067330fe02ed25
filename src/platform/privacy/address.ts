import { createHmac } from 'node:crypto';

/**
 * A visitor's network address as stored for abuse limits on public forms (comments, messages,
 * ratings): an HMAC under the app secret, enough to count per address and never reversible to the
 * address itself (个人信息保护法 第六条: collect no more than the purpose needs).
 */
export function addressHash(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`gk-ip\n${ip}`).digest('hex');
}
