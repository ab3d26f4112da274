import type { RawImage } from '../engine/raw-image'
import { maxSample } from '../engine/raw-image'

/**
 * Full-reference quality metrics over RGB images of equal size: PSNR over all samples, and SSIM
 * (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03) on the luminance.
 */

export function psnr(reference: RawImage, test: RawImage): number {
  assertComparable(reference, test)
  const max = maxSample(reference)
  let sum = 0
  const a = reference.data
  const b = test.data
  for (let i = 0; i < a.length; i++) {
    const d = ((a[i] ?? 0) - (b[i] ?? 0)) / max
    sum += d * d
  }
  const mse = sum / a.length
  return mse === 0 ? Infinity : -10 * Math.log10(mse)
}

export function ssim(reference: RawImage, test: RawImage): number {
  assertComparable(reference, test)
  const { width, height } = reference
  const x = lumaOf(reference)
  const y = lumaOf(test)
  const xx = new Float32Array(x.length)
  const yy = new Float32Array(x.length)
  const xy = new Float32Array(x.length)
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0
    const yi = y[i] ?? 0
    xx[i] = xi * xi
    yy[i] = yi * yi
    xy[i] = xi * yi
  }
  const [mx, my, sxx, syy, sxy] = [x, y, xx, yy, xy].map((v) => gaussian(v, width, height))
  const c1 = 0.01 ** 2
  const c2 = 0.03 ** 2
  let total = 0
  for (let i = 0; i < x.length; i++) {
    const ux = mx?.[i] ?? 0
    const uy = my?.[i] ?? 0
    const vx = (sxx?.[i] ?? 0) - ux * ux
    const vy = (syy?.[i] ?? 0) - uy * uy
    const cov = (sxy?.[i] ?? 0) - ux * uy
    total += ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
  }
  return total / x.length
}

function assertComparable(a: RawImage, b: RawImage): void {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new Error(
      `Cannot compare ${a.width}×${a.height}×${a.channels} with ${b.width}×${b.height}×${b.channels}`
    )
  }
}

function lumaOf(image: RawImage): Float32Array {
  const max = maxSample(image)
  const c = image.channels
  const out = new Float32Array(image.width * image.height)
  for (let p = 0; p < out.length; p++) {
    const i = p * c
    const d = image.data
    out[p] =
      c >= 3
        ? (0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0)) / max
        : (d[i] ?? 0) / max
  }
  return out
}

const KERNEL = (() => {
  const k = Array.from({ length: 11 }, (_, i) => Math.exp(-((i - 5) ** 2) / (2 * 1.5 ** 2)))
  const sum = k.reduce((a, b) => a + b, 0)
  return k.map((v) => v / sum)
})()

/** Separable Gaussian blur with clamped borders. */
function gaussian(values: Float32Array, width: number, height: number): Float32Array {
  const tmp = new Float32Array(values.length)
  const out = new Float32Array(values.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0
      for (let k = 0; k < 11; k++) {
        const xx = Math.min(width - 1, Math.max(0, x + k - 5))
        s += (KERNEL[k] ?? 0) * (values[y * width + xx] ?? 0)
      }
      tmp[y * width + x] = s
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0
      for (let k = 0; k < 11; k++) {
        const yy = Math.min(height - 1, Math.max(0, y + k - 5))
        s += (KERNEL[k] ?? 0) * (tmp[yy * width + x] ?? 0)
      }
      out[y * width + x] = s
    }
  }
  return out
}
