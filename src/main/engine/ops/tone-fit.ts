import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'

/**
 * A global tone curve fitted to a network's output: for each input level (in BINS bins), the
 * mean output level of the pixels at it, made monotone (pool-adjacent-violators) and
 * interpolated. The network's exposure and white-balance judgement is thereby transferred to the
 * full-resolution photo as a curve, which cannot add the network's blur, grey cast or
 * artefacts: every pixel keeps its own detail and its neighbours' order.
 */
const BINS = 128

/** One lookup table per channel, input sample value → output 0..1. */
export type ToneCurves = readonly [Float32Array, Float32Array, Float32Array]

export interface ToneFitOptions {
  /** Fit R, G and B separately (transfers a colour correction) or one curve on all three. */
  readonly perChannel: boolean
}

/**
 * Fits curves mapping `input` to `output` (same size, RGB; any bit depths), as tables over
 * every sample value of `bitDepth`.
 */
export function fitToneCurves(
  input: RawImage,
  output: RawImage,
  bitDepth: 8 | 16,
  options: ToneFitOptions
): ToneCurves {
  if (input.width !== output.width || input.height !== output.height) {
    throw new Error('fitToneCurves: input and output differ in size')
  }
  const inMax = maxSample(input)
  const outMax = maxSample(output)
  // Bins of channel c at c·BINS (only channel 0's when pooled).
  const sums = new Float64Array(3 * BINS)
  const counts = new Float64Array(3 * BINS)
  const a = input.data
  const b = output.data
  for (let i = 0; i < a.length; i++) {
    const c = options.perChannel ? i % 3 : 0
    const bin = c * BINS + Math.min(BINS - 1, Math.floor(((a[i] ?? 0) / inMax) * BINS))
    sums[bin] = (sums[bin] ?? 0) + (b[i] ?? 0) / outMax
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  const table = (c: number): Float32Array => {
    const k = (options.perChannel ? c : 0) * BINS
    return tableFrom(monotone(sums.subarray(k, k + BINS), counts.subarray(k, k + BINS)), bitDepth)
  }
  return [table(0), table(1), table(2)]
}

/** The pooled points (bin centre, mean output), monotone non-decreasing. */
function monotone(sums: Float64Array, counts: Float64Array): { x: number; y: number }[] {
  // Pool-adjacent-violators on the populated bins, weighted by their pixel counts.
  const blocks: { x: number; y: number; w: number; n: number }[] = []
  for (let bin = 0; bin < BINS; bin++) {
    const w = counts[bin] ?? 0
    if (w === 0) continue
    blocks.push({ x: (bin + 0.5) / BINS, y: (sums[bin] ?? 0) / w, w, n: 1 })
    for (;;) {
      const last = blocks[blocks.length - 1]
      const prev = blocks[blocks.length - 2]
      if (!last || !prev || prev.y <= last.y) break
      const w2 = prev.w + last.w
      blocks.splice(blocks.length - 2, 2, {
        x: (prev.x * prev.n + last.x * last.n) / (prev.n + last.n),
        y: (prev.y * prev.w + last.y * last.w) / w2,
        w: w2,
        n: prev.n + last.n
      })
    }
  }
  return blocks.map(({ x, y }) => ({ x, y }))
}

/**
 * Piecewise-linear through the points, from (0, 0) — black stays black — to the last point,
 * then on to (1, max(1, last)) clipped: a photo's brightest levels, often absent from the
 * proxy, keep rising instead of flattening.
 */
function tableFrom(points: { x: number; y: number }[], bitDepth: 8 | 16): Float32Array {
  const max = bitDepth === 16 ? 65535 : 255
  const table = new Float32Array(max + 1)
  const last = points[points.length - 1]
  const knots = [{ x: 0, y: 0 }, ...points, { x: 1, y: Math.max(1, last?.y ?? 1) }]
  let k = 0
  for (let v = 0; v <= max; v++) {
    const x = v / max
    while (k + 2 < knots.length && (knots[k + 1]?.x ?? 1) < x) k++
    const p = knots[k] ?? { x: 0, y: 0 }
    const q = knots[k + 1] ?? p
    const t = q.x > p.x ? Math.min(1, Math.max(0, (x - p.x) / (q.x - p.x))) : 1
    table[v] = Math.min(1, Math.max(0, p.y + t * (q.y - p.y)))
  }
  return table
}

/** Applies the curves, blended with the identity by `amount` (0 = unchanged, 1 = the curve). */
export function applyToneCurves(rgb: RawImage, curves: ToneCurves, amount: number): RawImage {
  const max = maxSample(rgb)
  const src = rgb.data
  const out = rgb.bitDepth === 16 ? new Uint16Array(src.length) : new Uint8Array(src.length)
  for (let i = 0; i < src.length; i++) {
    const v = src[i] ?? 0
    const curved = (curves[i % 3]?.[v] ?? 0) * max
    out[i] = Math.round(v + amount * (curved - v))
  }
  return { ...rgb, data: out }
}
