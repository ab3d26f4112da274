import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../engine/raw-image'

/**
 * Synthetic degradations of clean photos, each the kind its operation undoes. All take and
 * return 8-bit RGB and are deterministic (seeded noise), so the eval table is reproducible.
 */

/** Linear motion blur: a horizontal box of `length` pixels (odd), like a camera pan. */
export function motionBlur(image: RawImage, length = 9): Promise<RawImage> {
  const kernel = new Array<number>(length * length).fill(0)
  const middle = (length - 1) / 2
  for (let x = 0; x < length; x++) kernel[middle * length + x] = 1 / length
  return toRawImage(
    sharpFromRaw(image).convolve({ width: length, height: length, kernel, scale: 1 })
  )
}

/** Under-exposure: v ↦ scale·v^power per channel (sRGB values in 0..1), as in LOL-style data. */
export function darken(image: RawImage, power = 1.8, scale = 0.35): RawImage {
  return mapSamples(image, (v) => scale * v ** power)
}

/** Additive Gaussian noise of standard deviation `sigma` levels (of 255), seeded. */
export function addNoise(image: RawImage, sigma = 15, seed = 1): RawImage {
  let state = seed >>> 0
  const uniform = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
    data[i] = Math.min(255, Math.max(0, Math.round((image.data[i] ?? 0) + sigma * gaussian)))
  }
  return { ...image, data }
}

/** Bicubic reduction by `factor`, the standard super-resolution degradation. */
export function downscale(image: RawImage, factor = 4): Promise<RawImage> {
  return toRawImage(
    sharpFromRaw(image).resize(
      Math.round(image.width / factor),
      Math.round(image.height / factor),
      {
        kernel: 'cubic',
        fit: 'fill'
      }
    )
  )
}

export function mapSamples(image: RawImage, f: (v: number) => number): RawImage {
  const lut = Array.from({ length: 256 }, (_, v) =>
    Math.min(255, Math.max(0, Math.round(255 * f(v / 255))))
  )
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = lut[image.data[i] ?? 0] ?? 0
  return { ...image, data }
}
