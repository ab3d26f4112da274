import { estimateNoiseSigma } from '../engine/ops/noise-estimate'
import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../engine/raw-image'
import { mapSamples } from './degradations'

/**
 * Classical baselines. An oracle family has a few settings and the eval keeps the best one per
 * photo, judged against the clean photo (so the networks meet the classical methods at their
 * best); an automatic baseline chooses its setting from the degraded photo alone, as a user's
 * one-click tool would.
 */
export interface Baseline {
  readonly name: string
  readonly run: (degraded: RawImage) => Promise<RawImage>
}

export const deblurBaselines: Baseline[] = [0.8, 1.5, 2.5].flatMap((sigma) =>
  [1, 2, 4].map((amount) => ({
    name: `unsharp mask σ${sigma} ×${amount}`,
    run: (image: RawImage) =>
      toRawImage(sharpFromRaw(image).sharpen({ sigma, m1: amount, m2: amount }))
  }))
)

/** Gamma curves v^(1/γ), γ 1.2 to 5 in steps of 0.2 (the eval's exposures reach ×0.05). */
export const lowlightBaselines: Baseline[] = Array.from(
  { length: 20 },
  (_, i) => 1.2 + 0.2 * i
).map((gamma) => ({
  name: `gamma 1/${gamma.toFixed(1)}`,
  run: (image: RawImage) => Promise.resolve(mapSamples(image, (v) => v ** (1 / gamma)))
}))

const luminance = (d: ArrayLike<number>, i: number): number =>
  (0.2126 * (d[i] ?? 0) + 0.7152 * (d[i + 1] ?? 0) + 0.0722 * (d[i + 2] ?? 0)) / 255

/**
 * Auto levels then auto gamma, from the photo alone: the luminance's 0.5th–99.5th percentiles are
 * stretched to black and white (one gain for R, G and B, keeping colours), then a gamma brings
 * the mean luminance to 0.45 (mid-grey of a normally exposed photo).
 */
export const autoLowlightBaseline: Baseline = {
  name: 'auto levels + auto gamma',
  run: (image: RawImage) => {
    const values: number[] = []
    for (let i = 0; i < image.data.length; i += 3) values.push(luminance(image.data, i))
    values.sort((a, b) => a - b)
    const low = values[Math.floor(0.005 * (values.length - 1))] ?? 0
    const high = Math.max(low + 1e-3, values[Math.floor(0.995 * (values.length - 1))] ?? 1)
    const stretch = (v: number): number => Math.min(1, Math.max(0, (v - low) / (high - low)))
    const mean = values.reduce((s, v) => s + stretch(v), 0) / values.length
    const exponent = mean > 0 && mean < 1 ? Math.log(0.45) / Math.log(mean) : 1
    return Promise.resolve(mapSamples(image, (v) => stretch(v) ** exponent))
  }
}

export const denoiseBaselines: Baseline[] = [
  ...[0.6, 1, 1.5, 2].map((sigma) => ({
    name: `Gaussian blur σ${sigma}`,
    run: (image: RawImage) => toRawImage(sharpFromRaw(image).blur(sigma))
  })),
  ...[3, 5].map((size) => ({
    name: `median ${size}×${size}`,
    run: (image: RawImage) => toRawImage(sharpFromRaw(image).median(size))
  }))
]

/**
 * A Gaussian blur whose radius follows the estimated noise level (Immerkær), so it needs no
 * knowledge of the clean photo: σ_blur = σ_noise / 16, within 0.3–2.5 px (a blur just strong
 * enough to average the noise down to about a tenth of a level per pixel's neighbourhood; the
 * ratio was set by hand on the dev split).
 */
export const autoDenoiseBaseline: Baseline = {
  name: 'Gaussian blur from a noise estimate',
  run: (image: RawImage) => {
    const sigma = Math.min(2.5, Math.max(0.3, estimateNoiseSigma(image) / 16))
    return toRawImage(sharpFromRaw(image).blur(sigma))
  }
}

export function upscaleBaselines(width: number, height: number): Baseline[] {
  return (['lanczos3', 'cubic'] as const).map((kernel) => ({
    name: kernel === 'lanczos3' ? 'Lanczos' : 'bicubic',
    run: (image: RawImage) =>
      toRawImage(sharpFromRaw(image).resize(width, height, { kernel, fit: 'fill' }))
  }))
}
