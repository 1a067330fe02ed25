/**
 * A crawl frontier in Redis, shared by every worker process of one crawl: each step is one Lua
 * script, so two workers can never take the same page, overshoot the page budget, or check one
 * link twice. Keys live under `{prefix}crawl:{id}:` and expire a day after the crawl starts
 * (removed at once by `clear` when the inspection finishes).
 */
import type { Redis } from 'ioredis';
import type { Frontier, FrontierItem } from './frontier.js';

const TTL_SECONDS = 86_400;

// KEYS: seen, queue, taken, inflight, checks (not every script uses every key)
const ADD = `if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  return 1
end
return 0`;
const CLAIM = `if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('SADD', KEYS[3], ARGV[1])
  return 1
end
return 0`;
const TAKE = `if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[1]) then return '!spent' end
local item = redis.call('LPOP', KEYS[2])
if not item then return false end
local tab = string.find(item, '\\t', 1, true)
redis.call('SADD', KEYS[3], string.sub(item, tab + 1))
redis.call('INCR', KEYS[4])
return item`;
const IDLE = `if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
local n = tonumber(redis.call('GET', KEYS[4]) or '0')
if n > 0 then return 0 end
return 1`;

export function redisFrontier(redis: Redis, prefix: string, crawlId: string): Frontier & { clear(): Promise<void> } {
  const base = `${prefix}crawl:${crawlId}:`;
  const keys = ['seen', 'queue', 'taken', 'inflight', 'checks'].map((k) => base + k);
  const [seen, queue, taken, inflight, checks] = keys as [string, string, string, string, string];
  let expiring: Promise<unknown> | null = null;
  const expire = () => (expiring ??= Promise.all(keys.map((k) => redis.expire(k, TTL_SECONDS))));
  const run = (script: string, args: (string | number)[]) => redis.eval(script, 5, seen, queue, taken, inflight, checks, ...args);

  return {
    async add(item: FrontierItem) {
      const added = (await run(ADD, [item.url, `${item.depth}\t${item.url}`])) === 1;
      if (added) await expire();
      return added;
    },
    async claim(url) {
      return (await run(CLAIM, [url])) === 1;
    },
    async take(budget) {
      const r = await run(TAKE, [budget]);
      if (r === '!spent') return 'spent';
      if (typeof r !== 'string') return null;
      const tab = r.indexOf('\t');
      return { depth: Number(r.slice(0, tab)), url: r.slice(tab + 1) };
    },
    async done() {
      await redis.decr(inflight);
    },
    async idle() {
      return (await run(IDLE, [])) === 1;
    },
    async wasTaken(url) {
      return (await redis.sismember(taken, url)) === 1;
    },
    async claimCheck(url) {
      const claimed = (await redis.sadd(checks, url)) === 1;
      if (claimed) await redis.expire(checks, TTL_SECONDS);
      return claimed;
    },
    async size() {
      return redis.scard(seen);
    },
    async clear() {
      await redis.del(...keys);
    },
  };
}
