/**
 * robots.txt (RFC 9309): the group for our user agent, else the `*` group; Allow and Disallow
 * with `*` and `$`, the longest matching rule wins and Allow wins a tie; Crawl-delay honoured as
 * the per-host politeness delay. A missing or unreadable robots.txt (4xx) allows everything. Pure.
 */

export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
  /** seconds between requests the site asks for, when it does */
  readonly crawlDelay: number | null;
}

interface Rule {
  readonly allow: boolean;
  readonly pattern: string;
  readonly re: RegExp;
}

/** A rule's path pattern: `*` is any run of characters, a final `$` anchors the end (RFC 9309 §2.2.3). */
function toRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const escaped = body
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}${anchored ? '$' : ''}`);
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelay: null };

export function parseRobots(text: string, userAgent: string): RobotsRules {
  const agent = userAgent.toLowerCase();
  type Group = { agents: string[]; rules: Rule[]; delay: number | null };
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], delay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') current.rules.push({ allow: key === 'allow', pattern: value, re: toRegExp(value) });
    if (key === 'crawl-delay' && /^\d+(\.\d+)?$/.test(value)) current.delay = Number(value);
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delay = chosen.map((g) => g.delay).find((d) => d !== null) ?? null;
  return {
    crawlDelay: delay,
    isAllowed(pathAndQuery: string) {
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.re.test(pathAndQuery)) continue;
        if (best === null || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r;
      }
      return best === null || best.allow;
    },
  };
}
