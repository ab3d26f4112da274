import type { RawImage } from '../raw-image'
import type { Rect } from './mask'

/**
 * original + strength·(restored − original), per sample: the strength control of deblur,
 * upscale, denoise and low-light. Both images have the same size, channels and depth.
 */
export function mixByStrength(original: RawImage, restored: RawImage, strength: number): RawImage {
  if (strength >= 1) return restored
  const out =
    original.bitDepth === 16
      ? new Uint16Array(original.data.length)
      : new Uint8Array(original.data.length)
  const a = original.data
  const b = restored.data
  for (let i = 0; i < out.length; i++) {
    const o = a[i] ?? 0
    out[i] = Math.round(o + strength * ((b[i] ?? 0) - o))
  }
  return { ...original, data: out }
}

/**
 * A copy of `original` with `restored` (the RGB restoration of `region`) blended in through
 * `mask` (1 channel, 8-bit, original's size), its weight scaled by `strength` (0..1). Pixels
 * whose mask is 0 are copied unchanged, bit for bit; alpha is never touched.
 */
export function blendThroughMask(
  original: RawImage,
  restored: RawImage,
  region: Rect,
  mask: RawImage,
  strength = 1
): RawImage {
  // A copy, never a view: Buffer#slice (sharp's output type) would alias the original.
  const data =
    original.data instanceof Uint16Array
      ? new Uint16Array(original.data)
      : new Uint8Array(original.data)
  const channels = original.channels
  const maskData = mask.data
  const src = restored.data
  for (let y = 0; y < region.height; y++) {
    const imageY = region.y + y
    for (let x = 0; x < region.width; x++) {
      const imageX = region.x + x
      const m = maskData[imageY * original.width + imageX] ?? 0
      if (m === 0) continue
      const weight = (m / 255) * strength
      const o = (imageY * original.width + imageX) * channels
      const r = (y * region.width + x) * 3
      for (let c = 0; c < 3; c++) {
        const before = data[o + c] ?? 0
        data[o + c] = Math.round(before + weight * ((src[r + c] ?? 0) - before))
      }
    }
  }
  return { ...original, data }
}
