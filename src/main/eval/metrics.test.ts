import { describe, expect, it } from 'vitest'
import type { RawImage } from '../engine/raw-image'
import { psnr, ssim } from './metrics'

function image(values: (i: number) => number, size = 32): RawImage {
  const data = new Uint8Array(size * size * 3)
  for (let i = 0; i < data.length; i++) data[i] = values(i)
  return { data, width: size, height: size, channels: 3, bitDepth: 8 }
}

describe('quality metrics', () => {
  const texture = image((i) => (i * 37) % 251)

  it('identical images: infinite PSNR, SSIM 1', () => {
    expect(psnr(texture, texture)).toBe(Infinity)
    expect(ssim(texture, texture)).toBeCloseTo(1, 6)
  })

  it('PSNR of a uniform error of 1 level is 48.13 dB', () => {
    const off = image((i) => ((i * 37) % 251) + 1)
    expect(psnr(texture, off)).toBeCloseTo(20 * Math.log10(255), 2)
  })

  it('SSIM ranks a smaller distortion above a larger one', () => {
    const small = image((i) => ((i * 37) % 251) + ((i * 7) % 5))
    const large = image((i) => ((i * 37) % 251) + ((i * 7) % 5) * 4)
    expect(ssim(texture, small)).toBeGreaterThan(ssim(texture, large))
    expect(ssim(texture, large)).toBeLessThan(1)
  })

  it('refuses images of different sizes', () => {
    expect(() =>
      psnr(
        texture,
        image(() => 0, 16)
      )
    ).toThrow(/Cannot compare/)
  })
})
