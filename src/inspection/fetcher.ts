/**
 * HTTP for the crawler (undici, pooled keep-alive connections per origin): one request with a
 * timeout, retries with backoff on network errors and 5xx, 429 honouring Retry-After, redirects
 * followed by hand so that each hop is recorded and a loop is caught, and link checks by HEAD
 * falling back to GET when a server refuses or mishandles HEAD.
 */
import { Agent, request, type Dispatcher } from 'undici';

// ASCII only: header values are bytes, and undici refuses anything else.
export const USER_AGENT = 'gongkai-inspect/1.0 (government website inspection)';
const MAX_REDIRECTS = 10;
const MAX_RETRY_AFTER_SECONDS = 30;

export interface FetchSettings {
  readonly timeoutMs: number;
  readonly retries: number;
  /** base of the exponential backoff between retries */
  readonly backoffMs: number;
}

export interface Hop {
  readonly url: string;
  readonly status: number;
}

export type FetchOutcome =
  | { readonly ok: true; readonly url: string; readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly body: Dispatcher.ResponseData['body']; readonly hops: readonly Hop[] }
  | { readonly ok: false; readonly url: string; readonly status: number | null; readonly error: string; readonly hops: readonly Hop[]; readonly loop: boolean };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createAgent(connectionsPerOrigin: number): Agent {
  return new Agent({ connections: connectionsPerOrigin, keepAliveTimeout: 10_000, pipelining: 1 });
}

/** One request with retries; the body of a failed attempt is discarded. */
async function attempt(agent: Agent, url: string, method: 'GET' | 'HEAD', s: FetchSettings) {
  let lastError = '';
  for (let i = 0; i <= s.retries; i++) {
    if (i > 0) await sleep(s.backoffMs * 2 ** (i - 1));
    try {
      const res = await request(url, {
        method,
        dispatcher: agent,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
        headersTimeout: s.timeoutMs,
        bodyTimeout: s.timeoutMs,
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      const retryable = res.statusCode >= 500 || res.statusCode === 429;
      if (retryable && i < s.retries) {
        await res.body.dump();
        if (res.statusCode === 429) {
          const after = Number(header(res.headers, 'retry-after'));
          if (Number.isFinite(after) && after > 0) await sleep(Math.min(after, MAX_RETRY_AFTER_SECONDS) * 1000);
        }
        continue;
      }
      return { res };
    } catch (e) {
      lastError = e instanceof Error ? (e.name === 'TimeoutError' || e.name === 'AbortError' ? `超时（${s.timeoutMs / 1000} 秒） / timeout` : e.message) : String(e);
    }
  }
  return { error: lastError || 'request failed' };
}

/** GET or HEAD with redirects followed (each hop recorded; a loop or too many hops is a failure). */
export async function fetchUrl(agent: Agent, url: string, method: 'GET' | 'HEAD', s: FetchSettings): Promise<FetchOutcome> {
  const hops: Hop[] = [];
  const visited = new Set<string>([url]);
  let current = url;
  for (;;) {
    const r = await attempt(agent, current, method, s);
    if ('error' in r) return { ok: false, url: current, status: null, error: r.error ?? 'request failed', hops, loop: false };
    const { res } = r;
    const location = header(res.headers, 'location');
    if (res.statusCode >= 300 && res.statusCode < 400 && location) {
      await res.body.dump();
      hops.push({ url: current, status: res.statusCode });
      let next: string;
      try {
        next = new URL(location, current).href.replace(/#.*$/, '');
      } catch {
        return { ok: false, url: current, status: res.statusCode, error: `重定向地址无效：${location}`, hops, loop: false };
      }
      if (visited.has(next)) return { ok: false, url: next, status: res.statusCode, error: `重定向循环：${[...hops.map((h) => h.url), next].join(' → ')}`, hops, loop: true };
      if (hops.length >= MAX_REDIRECTS) return { ok: false, url: next, status: res.statusCode, error: `重定向超过 ${MAX_REDIRECTS} 次`, hops, loop: false };
      visited.add(next);
      current = next;
      continue;
    }
    if (res.statusCode >= 400) {
      await res.body.dump();
      return { ok: false, url: current, status: res.statusCode, error: `HTTP ${res.statusCode}`, hops, loop: false };
    }
    return { ok: true, url: current, status: res.statusCode, headers: res.headers, body: res.body, hops };
  }
}

/** A link check: HEAD, and GET when HEAD fails (many servers answer HEAD with 403, 404 or 405). */
export async function checkUrl(agent: Agent, url: string, s: FetchSettings): Promise<FetchOutcome> {
  const head = await fetchUrl(agent, url, 'HEAD', s);
  if (head.ok) {
    await head.body.dump();
    return head;
  }
  // A loop or no answer at all (network error, timeout) is not a HEAD problem: GET would fail alike.
  if (head.loop || head.status === null) return head;
  const get = await fetchUrl(agent, url, 'GET', s);
  if (get.ok) await get.body.dump();
  return get;
}
