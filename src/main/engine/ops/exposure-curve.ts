import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'

/**
 * A global exposure correction v ↦ min(1, (v / white)^exponent), the same curve on R, G and B:
 * the white point lifts the photo's brightest colours to full scale, and the exponent (< 1
 * brightens) sets the mid-tones. It is the shape of a camera's exposure push, and inverts an
 * under-exposure of the kind v ↦ s·v^p exactly.
 */
export interface ExposureCurve {
  readonly white: number
  readonly exponent: number
}

/** Share of pixels allowed above the white point (auto-levels' usual clip). */
const WHITE_CLIP = 0.005
/** Never stretch more than this, so an almost-black frame does not become noise. */
const MAX_STRETCH = 16

const LUMA = [0.2126, 0.7152, 0.0722] as const

/** Per-channel histograms of an RGB image, one bin per sample value. */
export interface ChannelHistograms {
  readonly bins: number
  readonly counts: readonly [Float64Array, Float64Array, Float64Array]
  /** Histogram of luminance (rounded to a sample value), for the white point. */
  readonly luminance: Float64Array
  readonly pixels: number
}

export function channelHistograms(rgb: RawImage): ChannelHistograms {
  const bins = maxSample(rgb) + 1
  const counts = [new Float64Array(bins), new Float64Array(bins), new Float64Array(bins)] as const
  const luminance = new Float64Array(bins)
  const d = rgb.data
  for (let i = 0; i < d.length; i += 3) {
    const r = d[i] ?? 0
    const g = d[i + 1] ?? 0
    const b = d[i + 2] ?? 0
    counts[0][r] = (counts[0][r] ?? 0) + 1
    counts[1][g] = (counts[1][g] ?? 0) + 1
    counts[2][b] = (counts[2][b] ?? 0) + 1
    const y = Math.round(LUMA[0] * r + LUMA[1] * g + LUMA[2] * b)
    luminance[y] = (luminance[y] ?? 0) + 1
  }
  return { bins, counts, luminance, pixels: d.length / 3 }
}

/**
 * The luminance (0..1) that all but WHITE_CLIP of the pixels stay below. (The brightest channel
 * would clip fewer saturated highlights, but it leaves most photos' whites dull: measured 4 dB
 * worse on the eval set.)
 */
export function whitePoint(histograms: ChannelHistograms): number {
  const { bins, luminance, pixels } = histograms
  let above = 0
  for (let v = bins - 1; v > 0; v--) {
    above += luminance[v] ?? 0
    if (above > WHITE_CLIP * pixels) return Math.max(v / (bins - 1), 1 / MAX_STRETCH)
  }
  return 1 / MAX_STRETCH
}

/** Mean luminance (0..1) of the image after the curve, from its histograms. */
export function meanAfter(histograms: ChannelHistograms, curve: ExposureCurve): number {
  const { bins, counts, pixels } = histograms
  let total = 0
  for (let c = 0; c < 3; c++) {
    const counts_c = counts[c as 0 | 1 | 2]
    let sum = 0
    for (let v = 0; v < bins; v++) {
      const n = counts_c[v] ?? 0
      if (n > 0) sum += n * applyCurve(v / (bins - 1), curve)
    }
    total += (LUMA[c as 0 | 1 | 2] * sum) / pixels
  }
  return total
}

export function applyCurve(value: number, curve: ExposureCurve): number {
  return Math.min(1, (value / curve.white) ** curve.exponent)
}

/**
 * The curve that takes the photo to a key (its mean luminance relative to its white point)
 * judged elsewhere (by the enhancement model): white point from the photo, then the exponent
 * solved by bisection, since the mean rises monotonically as the exponent falls.
 */
export function solveExposure(histograms: ChannelHistograms, key: number): ExposureCurve {
  const white = whitePoint(histograms)
  const target = Math.min(Math.max(key, 0.02), 0.95)
  // Exponents past these bounds are no longer an exposure change but a posterisation.
  let low = 0.2
  let high = 1.5
  for (let i = 0; i < 40; i++) {
    const exponent = (low + high) / 2
    if (meanAfter(histograms, { white, exponent }) > target) low = exponent
    else high = exponent
  }
  return { white, exponent: (low + high) / 2 }
}

/**
 * Mean luminance (sRGB, 0..1) at or below which a photo counts as fully under-exposed. 0.3, not
 * the old 0.15: on the eval's dev split, photos darkened to a mean of 0.25–0.3 still needed the
 * whole correction (a partial one cost them 3–7 dB).
 */
export const DARK_MEAN = 0.3
/** Mean luminance at or above which a photo counts as normally exposed. */
export const NORMAL_MEAN = 0.4

/**
 * How under-exposed a photo is, 0 (normally exposed: mean luminance ≥ NORMAL_MEAN) to 1 (dark:
 * ≤ DARK_MEAN), linear between. The enhancement model was trained on very dark inputs and
 * brightens whatever it is shown, so its judgement is applied in proportion to this.
 */
export function underexposure(histograms: ChannelHistograms): number {
  const mean = meanAfter(histograms, { white: 1, exponent: 1 })
  return Math.min(1, Math.max(0, (NORMAL_MEAN - mean) / (NORMAL_MEAN - DARK_MEAN)))
}

/** A fraction of the correction: geometric in both parameters, so 0 is the identity. */
export function scaleCurve(curve: ExposureCurve, strength: number): ExposureCurve {
  return { white: curve.white ** strength, exponent: curve.exponent ** strength }
}

/** The curve as a lookup table over every sample value of a bit depth, output in 0..1. */
export function curveTable(curve: ExposureCurve, bitDepth: 8 | 16): Float32Array {
  const max = bitDepth === 16 ? 65535 : 255
  const table = new Float32Array(max + 1)
  for (let v = 0; v <= max; v++) table[v] = applyCurve(v / max, curve)
  return table
}
