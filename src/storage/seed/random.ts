/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  return resumableRandom(seed);
}

/** The same generator, whose state can be saved and restored (a resumable seed records it). */
export type ResumableRandom = (() => number) & { state(): number; restore(state: number): void };

export function resumableRandom(seed: number): ResumableRandom {
  let state = seed >>> 0;
  const next = (() => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as ResumableRandom;
  next.state = () => state;
  next.restore = (saved: number) => {
    state = saved >>> 0;
  };
  return next;
}
