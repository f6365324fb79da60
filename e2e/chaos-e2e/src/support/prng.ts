/**
 * mulberry32: a tiny seeded PRNG, so that a failing run's kill moments can be replayed with
 * CHAOS_SEED=<printed seed>.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** CHAOS_SEED from the environment, else a fresh one; always printed by the caller. */
export function chaosSeed(): number {
  const fromEnv = process.env['CHAOS_SEED'];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv) >>> 0;
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
}
