/**
 * Availability probes of a homepage (站点无法访问: monitored over time, a visit that does not open
 * within 15 seconds counts as unreachable; ≥ 5% of visits → veto). One GET every interval for the
 * duration; each probe stands alone (a fresh connection), as a visitor's browser would.
 */
import { Agent, request } from 'undici';
import { USER_AGENT } from './fetcher.js';

export interface ProbeSample {
  readonly at: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly ms: number;
  readonly error: string;
}

export interface ProbeResult {
  readonly total: number;
  readonly unreachable: number;
  readonly samples: readonly ProbeSample[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function probeOnce(url: string, timeoutMs: number, now: () => Date = () => new Date()): Promise<ProbeSample> {
  const at = now().toISOString();
  const started = performance.now();
  const agent = new Agent({ connections: 1, pipelining: 0 });
  try {
    const res = await request(url, { dispatcher: agent, headers: { 'user-agent': USER_AGENT }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
    await res.body.dump();
    const ms = Math.round(performance.now() - started);
    // a page that answers with an error did not open either
    return { at, ok: res.statusCode < 400, status: res.statusCode, ms, error: res.statusCode < 400 ? '' : `HTTP ${res.statusCode}` };
  } catch (e) {
    const ms = Math.round(performance.now() - started);
    const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || /timeout/i.test(e.message));
    return { at, ok: false, status: null, ms, error: timeout ? `超过 ${timeoutMs / 1000} 秒无响应` : e instanceof Error ? e.message : String(e) };
  } finally {
    await agent.close();
  }
}

export async function probeSite(url: string, o: { everyMs: number; forMs: number; timeoutMs: number; onSample?: (s: ProbeSample, done: number, total: number) => void }): Promise<ProbeResult> {
  const total = Math.max(1, Math.floor(o.forMs / o.everyMs));
  const samples: ProbeSample[] = [];
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * o.everyMs;
    if (due > Date.now()) await sleep(due - Date.now());
    const s = await probeOnce(url, o.timeoutMs);
    samples.push(s);
    o.onSample?.(s, i + 1, total);
  }
  return { total: samples.length, unreachable: samples.filter((s) => !s.ok).length, samples };
}
