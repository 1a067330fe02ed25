/**
 * The crawl frontier: the URLs waiting to be crawled, each added once for the whole crawl. One
 * interface so that a crawl can be shared by several worker processes (a Redis frontier) as well
 * as run in one (this in-memory one).
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
  /** The next URL to crawl, or null when none is waiting (others may still be in flight). */
  take(): Promise<FrontierItem | null>;
  /** How many URLs were ever added. */
  size(): Promise<number>;
}

export function memoryFrontier(): Frontier {
  const seen = new Set<string>();
  const queue: FrontierItem[] = [];
  let head = 0;
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
      return true;
    },
    async take() {
      if (head >= queue.length) return null;
      const item = queue[head++] ?? null;
      // drop what was taken now and then, so the array does not grow with the whole crawl
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      return item;
    },
    async size() {
      return seen.size;
    },
  };
}
