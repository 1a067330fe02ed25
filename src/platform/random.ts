/**
 * A small seeded pseudo-random generator (mulberry32, Tommy Ettinger's 32-bit generator): the same
 * seed gives the same sequence on every run and every machine. It is for demo data and benchmark
 * corpora only — deterministic and guessable, so NEVER for secrets, tokens, codes or anything a
 * visitor must not predict (use node:crypto randomBytes for those).
 */

/** Returns a generator of numbers in [0, 1) for `seed` (taken as an unsigned 32-bit integer). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
