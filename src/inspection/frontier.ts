/**
 * The crawl frontier: the URLs waiting to be crawled, each added once for the whole crawl, and
 * what a crawl shares between workers — pages in flight (so a worker knows when the crawl is over),
 * pages taken (so no page is fetched twice), and link checks claimed (so each is made once). One
 * interface, two implementations: this in-memory one, and Redis (redis-frontier.ts) for a crawl
 * shared by several `gongkai worker` processes.
 */

export interface FrontierItem {
  readonly url: string;
  readonly depth: number;
}

export interface Frontier {
  /** Adds a URL unless it was ever added; true when it is new. */
  add(item: FrontierItem): Promise<boolean>;
  /** Marks a URL as crawled by the caller (reached by a redirect) without queueing it; true when new. */
  claim(url: string): Promise<boolean>;
  /**
   * The next URL to crawl (counted in flight until `done`); null when none is waiting; 'spent'
   * when `budget` URLs were taken already (checked and taken in one step, so workers never overshoot).
   */
  take(budget: number): Promise<FrontierItem | null | 'spent'>;
  /** The taken URL is finished. */
  done(): Promise<void>;
  /** Nothing waiting and nothing in flight: the crawl is over for every worker. */
  idle(): Promise<boolean>;
  /** Whether a URL was taken by any worker (then it has a result and needs no check). */
  wasTaken(url: string): Promise<boolean>;
  /** Claims the one check of a link target; true for the first worker that asks. */
  claimCheck(url: string): Promise<boolean>;
  /** How many URLs were ever added. */
  size(): Promise<number>;
}

export function memoryFrontier(): Frontier {
  const seen = new Set<string>();
  const takenUrls = new Set<string>();
  const checks = new Set<string>();
  const queue: FrontierItem[] = [];
  let head = 0;
  let inFlight = 0;
  return {
    async add(item) {
      if (seen.has(item.url)) return false;
      seen.add(item.url);
      queue.push(item);
      return true;
    },
    async claim(url) {
      if (seen.has(url)) return false;
      seen.add(url);
      takenUrls.add(url);
      return true;
    },
    async take(budget) {
      if (takenUrls.size >= budget) return 'spent';
      if (head >= queue.length) return null;
      const item = queue[head++] ?? null;
      // drop what was taken now and then, so the array does not grow with the whole crawl
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      if (item) {
        inFlight++;
        takenUrls.add(item.url);
      }
      return item;
    },
    async done() {
      inFlight = Math.max(0, inFlight - 1);
    },
    async idle() {
      return head >= queue.length && inFlight === 0;
    },
    async wasTaken(url) {
      return takenUrls.has(url);
    },
    async claimCheck(url) {
      if (checks.has(url)) return false;
      checks.add(url);
      return true;
    },
    async size() {
      return seen.size;
    },
  };
}
