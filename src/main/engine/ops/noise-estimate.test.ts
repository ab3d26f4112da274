import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { estimateNoiseSigma } from './noise-estimate'

function grey(width: number, height: number, value: (x: number, y: number) => number): RawImage {
  const data = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.max(0, Math.min(255, Math.round(value(x, y))))
      data.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3)
    }
  }
  return { data, width, height, channels: 3, bitDepth: 8 }
}

/** Deterministic standard normal draws. */
function normals(seed: number): () => number {
  let s = seed
  const u = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0
    return (s + 0.5) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())
}

describe('estimateNoiseSigma', () => {
  it('is zero on a flat image and on a linear ramp (the mask cancels both)', () => {
    expect(estimateNoiseSigma(grey(64, 64, () => 128))).toBe(0)
    expect(estimateNoiseSigma(grey(64, 64, (x, y) => x + 2 * y))).toBeCloseTo(0, 6)
  })

  it.each([5, 15, 30])('recovers σ %d of Gaussian noise within 10%%', (sigma) => {
    const n = normals(sigma)
    const noisy = grey(256, 256, (x) => 100 + x / 4 + sigma * n())
    expect(Math.abs(estimateNoiseSigma(noisy) - sigma)).toBeLessThan(0.1 * sigma)
  })

  it('grows with the noise, on every step size', () => {
    const n = normals(1)
    const low = grey(128, 128, () => 128 + 4 * n())
    const high = grey(128, 128, () => 128 + 12 * n())
    expect(estimateNoiseSigma(high, 2)).toBeGreaterThan(2 * estimateNoiseSigma(low, 2))
  })
})
