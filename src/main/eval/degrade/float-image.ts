import type { RawImage } from '../../engine/raw-image'

/**
 * An RGB image as floats in 0..1 (interleaved), where the degradations do their arithmetic: blur
 * and exposure in linear light, noise before quantisation, one rounding at the end.
 */
export interface FloatImage {
  readonly width: number
  readonly height: number
  readonly data: Float32Array
}

export function fromRaw(image: RawImage): FloatImage {
  if (image.channels !== 3) throw new Error('The eval degrades RGB images')
  const scale = 1 / (image.bitDepth === 16 ? 65535 : 255)
  const data = new Float32Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = (image.data[i] ?? 0) * scale
  return { width: image.width, height: image.height, data }
}

/** Rounds to 8-bit sRGB, clipping as a camera's encoder does. */
export function toRaw(image: FloatImage): RawImage {
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.round(255 * Math.min(1, Math.max(0, image.data[i] ?? 0)))
  }
  return { data, width: image.width, height: image.height, channels: 3, bitDepth: 8 }
}

export function map(image: FloatImage, f: (v: number, channel: number) => number): FloatImage {
  const data = new Float32Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = f(image.data[i] ?? 0, i % 3)
  return { ...image, data }
}

export const srgbToLinear = (v: number): number =>
  v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
export const linearToSrgb = (v: number): number =>
  v <= 0.0031308 ? 12.92 * v : 1.055 * Math.max(0, v) ** (1 / 2.4) - 0.055

/** A normalised 2-D kernel, odd sides, centred. */
export interface Kernel {
  readonly size: number
  readonly weights: Float32Array
}

/** Convolution with mirrored borders (no dark frame around the blurred photo). */
export function convolve(image: FloatImage, kernel: Kernel): FloatImage {
  const { width, height } = image
  const src = image.data
  const out = new Float32Array(src.length)
  const half = (kernel.size - 1) / 2
  const taps: { dx: number; dy: number; w: number }[] = []
  for (let ky = 0; ky < kernel.size; ky++) {
    for (let kx = 0; kx < kernel.size; kx++) {
      const w = kernel.weights[ky * kernel.size + kx] ?? 0
      if (w !== 0) taps.push({ dx: kx - half, dy: ky - half, w })
    }
  }
  const mirror = (v: number, n: number): number => {
    if (n === 1) return 0
    const period = 2 * (n - 1)
    const m = ((v % period) + period) % period
    return m < n ? m : period - m
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0
      let g = 0
      let b = 0
      for (const { dx, dy, w } of taps) {
        const i = (mirror(y + dy, height) * width + mirror(x + dx, width)) * 3
        r += w * (src[i] ?? 0)
        g += w * (src[i + 1] ?? 0)
        b += w * (src[i + 2] ?? 0)
      }
      const o = (y * width + x) * 3
      out[o] = r
      out[o + 1] = g
      out[o + 2] = b
    }
  }
  return { width, height, data: out }
}
