/**
 * A small seeded generator (mulberry32) with the draws the degradations need. Seeded per crop, so
 * every degradation in the eval is reproducible from the manifest alone.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [low, high). */
  range(low: number, high: number): number
  /** Whole number in [low, high]. */
  int(low: number, high: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(values: readonly T[]): T
}

export function makeRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const rng: Rng = {
    next,
    range: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor((high - low + 1) * next()),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (p) => next() < p,
    pick: (values) => {
      const value = values[Math.floor(next() * values.length)]
      if (value === undefined) throw new Error('pick from an empty list')
      return value
    }
  }
  return rng
}
