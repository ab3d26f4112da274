import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../engine/raw-image'
import { mapSamples } from './degradations'

/**
 * Classical baselines, each with a few settings: the eval reports the best setting per photo
 * (an oracle choice, so the neural operations are compared with the baselines at their best).
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

// Gammas from 1.2 to 4 in steps of 0.2: the best one for this eval's darkening lies near 3–3.5.
export const lowlightBaselines: Baseline[] = Array.from(
  { length: 15 },
  (_, i) => 1.2 + 0.2 * i
).map((gamma) => ({
  name: `gamma 1/${gamma.toFixed(1)}`,
  run: (image: RawImage) => Promise.resolve(mapSamples(image, (v) => v ** (1 / gamma)))
}))

export const denoiseBaselines: Baseline[] = [
  ...[0.6, 1, 1.5].map((sigma) => ({
    name: `Gaussian blur σ${sigma}`,
    run: (image: RawImage) => toRawImage(sharpFromRaw(image).blur(sigma))
  })),
  ...[3, 5].map((size) => ({
    name: `median ${size}×${size}`,
    run: (image: RawImage) => toRawImage(sharpFromRaw(image).median(size))
  }))
]

export function upscaleBaselines(width: number, height: number): Baseline[] {
  return (['lanczos3', 'cubic'] as const).map((kernel) => ({
    name: kernel === 'lanczos3' ? 'Lanczos' : 'bicubic',
    run: (image: RawImage) =>
      toRawImage(sharpFromRaw(image).resize(width, height, { kernel, fit: 'fill' }))
  }))
}
