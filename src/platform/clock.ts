/** Time is a dependency so tests can pin it; nothing else calls `new Date()` for business time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advanceMinutes(m: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advanceMinutes: (m) => {
      current = new Date(current.getTime() + m * 60_000);
    },
  };
}

/** A stored UTC timestamp as Beijing wall time, 'YYYY-MM-DD HH:MM' (or with seconds). */
export function beijingTime(iso: string, withSeconds = false): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, withSeconds ? 19 : 16).replace('T', ' ');
}

/** Today's date in China (UTC+8, no daylight saving): statutory days are Beijing days. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
