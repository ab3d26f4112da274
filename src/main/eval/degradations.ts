import type { RawImage } from '../engine/raw-image'

/**
 * Two small helpers kept from the first eval: a fixed darkening (the low-light test in
 * engine/ops/execute.test.ts uses it on a photo the eval never sees) and a per-sample curve
 * through a lookup table (the gamma baselines). The eval's degradations are in degrade/.
 */

/** Under-exposure: v ↦ scale·v^power per channel (sRGB values in 0..1), as in LOL-style data. */
export function darken(image: RawImage, power = 1.8, scale = 0.35): RawImage {
  return mapSamples(image, (v) => scale * v ** power)
}

export function mapSamples(image: RawImage, f: (v: number) => number): RawImage {
  const lut = Array.from({ length: 256 }, (_, v) =>
    Math.min(255, Math.max(0, Math.round(255 * f(v / 255))))
  )
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = lut[image.data[i] ?? 0] ?? 0
  return { ...image, data }
}
