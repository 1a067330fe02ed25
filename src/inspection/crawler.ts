/**
 * The same-site crawl of an inspection: pages in scope are fetched once (robots.txt respected
 * unless told otherwise, max pages and depth, per-host politeness) and read as they stream in;
 * every other link they make — images, scripts, stylesheets, pages left uncrawled, external
 * links — is checked once. No request leaves the scope except that one check per external link.
 * What the pages say is collected for the checks (checks.ts); nothing here judges.
 */
import { decoderFor, headerCharset, sniffCharset } from './charset.js';
import { checkUrl, createAgent, fetchUrl, type FetchOutcome, type FetchSettings } from './fetcher.js';
import { memoryFrontier, type Frontier } from './frontier.js';
import { summarizePage, type PageSummary } from './checks.js';
import { scanPage, type PageFacts } from './page-scan.js';
import { ALLOW_ALL, parseRobots, type RobotsRules } from './robots.js';
import { inScope, resolveLink, type CrawlScope } from './urls.js';

export interface CrawlOptions {
  readonly start: string;
  readonly scope: CrawlScope;
  readonly concurrency: number;
  /** at least this long between two requests to the site (robots.txt Crawl-delay wins when longer) */
  readonly delayMs: number;
  readonly maxPages: number;
  readonly maxDepth: number;
  readonly fetch: FetchSettings;
  readonly ignoreRobots: boolean;
  /** check links that leave the site (one request each) */
  readonly checkExternal: boolean;
  readonly frontier?: Frontier;
  /** the inspection day, 'YYYY-MM-DD': pages are summarised (dates read) as they are crawled */
  readonly today: string;
  readonly onProgress?: (p: { pages: number; queued: number; checks: number }) => void;
}

/** Where a link target was seen: the pages and how (tag, anchor text). */
export interface LinkUse {
  readonly foundOn: string[];
  /** how many pages link to it beyond those listed (the list is capped) */
  more: number;
  readonly tags: Set<string>;
  readonly texts: string[];
}

export interface TargetState {
  readonly status: number | null;
  readonly ok: boolean;
  readonly error: string;
  readonly loop: boolean;
  readonly redirects: number;
}

export interface CrawlResult {
  readonly startUrl: string;
  readonly homepageState: TargetState | null;
  readonly pages: readonly PageSummary[];
  readonly uses: ReadonlyMap<string, LinkUse>;
  readonly states: ReadonlyMap<string, TargetState>;
  readonly robotsSkipped: number;
  readonly requests: number;
}

const MAX_PAGE_BYTES = 10 * 1024 * 1024;
const MAX_FOUND_ON = 50;
const CRAWLED_TAGS = new Set(['a', 'iframe', 'frame']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stateOf = (o: FetchOutcome): TargetState =>
  o.ok ? { status: o.status, ok: true, error: '', loop: false, redirects: o.hops.length } : { status: o.status, ok: false, error: o.error, loop: o.loop, redirects: o.hops.length };

/** Reads an HTML body as it streams: charset from the header or the first bytes, then the scanner. */
async function readHtml(body: AsyncIterable<Uint8Array>, contentType: string | undefined): Promise<PageFacts> {
  const scanner = scanPage();
  let decoder: ReturnType<typeof decoderFor> | null = null;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let total = 0;
  const decoderForHead = (head: Uint8Array) => decoderFor(headerCharset(contentType) ?? sniffCharset(head) ?? 'utf-8');
  for await (const chunk of body) {
    total += chunk.length;
    if (total > MAX_PAGE_BYTES) break;
    if (decoder !== null) {
      scanner.write(decoder.write(chunk));
      continue;
    }
    // the first KiB decides the charset (a <meta charset> sits in the head)
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < 1024) continue;
    const head = Buffer.concat(pending);
    pending = [];
    decoder = decoderForHead(head);
    scanner.write(decoder.write(head));
  }
  if (decoder === null) {
    const head = Buffer.concat(pending);
    decoder = decoderForHead(head);
    scanner.write(decoder.write(head));
  }
  scanner.write(decoder.end());
  return scanner.end();
}

export async function crawl(o: CrawlOptions): Promise<CrawlResult> {
  const agent = createAgent(Math.max(1, o.concurrency));
  const frontier = o.frontier ?? memoryFrontier();
  const uses = new Map<string, LinkUse>();
  const states = new Map<string, TargetState>();
  const pages: PageSummary[] = [];
  let homepageState: TargetState | null = null;
  let robotsSkipped = 0;
  let requests = 0;
  let nextAt = 0;
  let delay = o.delayMs;

  /** Per-host politeness: requests to the site are spaced by `delay`. */
  const polite = async () => {
    if (delay <= 0) return;
    const now = Date.now();
    const at = Math.max(now, nextAt);
    nextAt = at + delay;
    if (at > now) await sleep(at - now);
  };

  let robots: RobotsRules = ALLOW_ALL;
  if (!o.ignoreRobots) {
    requests++;
    const r = await fetchUrl(agent, `${o.scope.origin}/robots.txt`, 'GET', o.fetch);
    if (r.ok) {
      const text = await r.body.text();
      robots = parseRobots(text, 'gongkai-inspect');
      if (robots.crawlDelay !== null) delay = Math.max(delay, robots.crawlDelay * 1000);
    }
  }
  const allowed = (url: string) => {
    const u = new URL(url);
    return robots.isAllowed(`${u.pathname}${u.search}`);
  };

  const use = (target: string, foundOn: string, tag: string, text: string) => {
    let u = uses.get(target);
    if (!u) uses.set(target, (u = { foundOn: [], more: 0, tags: new Set(), texts: [] }));
    if (u.foundOn.includes(foundOn)) return;
    if (u.foundOn.length < MAX_FOUND_ON) u.foundOn.push(foundOn);
    else u.more++;
    u.tags.add(tag);
    if (text && u.texts.length < 3) u.texts.push(text);
  };

  const readPage = async (url: string, depth: number) => {
    await polite();
    requests++;
    const outcome = await fetchUrl(agent, url, 'GET', o.fetch);
    const state = stateOf(outcome);
    states.set(url, state);
    if (depth === 0) homepageState = state;
    if (!outcome.ok) return;
    const finalUrl = outcome.url;
    if (finalUrl !== url) {
      states.set(finalUrl, state);
      // a redirect elsewhere in the site: that page is crawled once, under its own URL
      if (!inScope(finalUrl, o.scope) || !(await frontier.claim(finalUrl))) {
        await outcome.body.dump();
        return;
      }
    }
    const type = outcome.headers['content-type'];
    const contentType = Array.isArray(type) ? type[0] : type;
    if (!/text\/html|application\/xhtml\+xml/i.test(contentType ?? '')) {
      await outcome.body.dump();
      return;
    }
    const facts = await readHtml(outcome.body, contentType);
    pages.push(summarizePage(finalUrl, depth, facts, o.today));
    const base = (facts.base && resolveLink(facts.base, finalUrl)) || finalUrl;
    for (const l of facts.links) {
      const target = resolveLink(l.raw, base);
      if (target === null || target === finalUrl) continue;
      use(target, finalUrl, l.tag, l.text);
      if (CRAWLED_TAGS.has(l.tag) && inScope(target, o.scope) && depth < o.maxDepth) {
        if (!o.ignoreRobots && !allowed(target)) continue;
        await frontier.add({ url: target, depth: depth + 1 });
      }
    }
  };

  await frontier.add({ url: o.start, depth: 0 });
  const progress = async () => o.onProgress?.({ pages: pages.length, queued: await frontier.size(), checks: states.size });
  const worker = async () => {
    for (;;) {
      // the budget is the crawl's, whichever worker spends it
      const item = await frontier.take(o.maxPages);
      if (item === 'spent') return;
      if (item === null) {
        if (await frontier.idle()) return;
        await sleep(5);
        continue;
      }
      try {
        if (!o.ignoreRobots && !allowed(item.url)) robotsSkipped++;
        else await readPage(item.url, item.depth);
      } finally {
        await frontier.done();
      }
      await progress();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));

  // Every target not yet known is checked once: resources, pages left uncrawled, external links.
  // Another worker may have crawled a page (it has the result) or claimed its check.
  const pending: string[] = [];
  for (const t of uses.keys()) {
    if (states.has(t)) continue;
    const internal = new URL(t).origin === o.scope.origin;
    if (internal && !o.ignoreRobots && !allowed(t)) continue; // robots: never requested
    if (!internal && !o.checkExternal) continue;
    if (await frontier.wasTaken(t)) continue;
    if (await frontier.claimCheck(t)) pending.push(t);
  }
  let next = 0;
  const checker = async () => {
    while (next < pending.length) {
      const target = pending[next++] as string;
      if (new URL(target).origin === o.scope.origin) await polite();
      requests++;
      states.set(target, stateOf(await checkUrl(agent, target, o.fetch)));
      await progress();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, checker));
  await agent.close();
  return { startUrl: o.start, homepageState, pages, uses, states, robotsSkipped, requests };
}
