import { describe, expect, it } from 'vitest'
import type { RawImage } from '../../engine/raw-image'
import { psnr } from '../metrics'
import { degrade } from './draw'
import { linearMotionKernel, shakeKernel } from './kernels'
import { makeRng } from './rng'

function photo(size = 64): RawImage {
  const data = new Uint8Array(size * size * 3)
  for (let i = 0; i < data.length; i++) {
    const p = Math.floor(i / 3)
    data[i] = Math.round(128 + 90 * Math.sin((p % size) / 2.5) * Math.cos(p / size / 4 + (i % 3)))
  }
  return { data, width: size, height: size, channels: 3, bitDepth: 8 }
}

const seeds = Array.from({ length: 24 }, (_, i) => 1000 + 7919 * i)

describe('degradations drawn per crop', () => {
  it('are reproducible from the seed and differ between seeds', async () => {
    const clean = photo()
    const a = await degrade('denoise', clean, 42)
    const b = await degrade('denoise', clean, 42)
    const c = await degrade('denoise', clean, 43)
    expect(b.image.data).toEqual(a.image.data)
    expect(b.label).toBe(a.label)
    expect(c.image.data).not.toEqual(a.image.data)
  })

  it('blur: motion or shake of 5–25 px, mild noise, sometimes JPEG 70–90', async () => {
    const kinds = new Set<unknown>()
    for (const seed of seeds) {
      const d = await degrade('deblur', photo(), seed)
      kinds.add(d.params.kernel)
      expect(d.params.extent).toBeGreaterThanOrEqual(5)
      expect(d.params.extent).toBeLessThanOrEqual(25)
      if (d.params.jpeg !== undefined) {
        expect(d.params.jpeg).toBeGreaterThanOrEqual(70)
        expect(d.params.jpeg).toBeLessThanOrEqual(90)
      }
      expect(psnr(d.clean, d.image)).toBeLessThan(35)
    }
    expect(kinds).toEqual(new Set(['linear', 'shake']))
  })

  it('low light: exposure ×0.05–0.35, γ 1.3–2.4, darker than the clean photo', async () => {
    for (const seed of seeds) {
      const d = await degrade('lowlight', photo(), seed)
      expect(d.params.exposure).toBeGreaterThanOrEqual(0.05)
      expect(d.params.exposure).toBeLessThanOrEqual(0.35)
      expect(d.params.gamma).toBeGreaterThanOrEqual(1.3)
      expect(d.params.gamma).toBeLessThanOrEqual(2.4)
      const mean = (im: RawImage): number =>
        Array.from(im.data).reduce((s, v) => s + v, 0) / im.data.length
      expect(mean(d.image)).toBeLessThan(mean(d.clean))
    }
  })

  it('noise: Gaussian and Poisson–Gaussian, σ 5–40', async () => {
    const models = new Set<unknown>()
    for (const seed of seeds) {
      const d = await degrade('denoise', photo(), seed)
      models.add(d.params.model)
      expect(d.params.sigma).toBeGreaterThanOrEqual(5)
      expect(d.params.sigma).toBeLessThanOrEqual(40)
    }
    expect(models).toEqual(new Set(['gaussian', 'poisson-gaussian']))
  })

  it('super-resolution: the small photo is the clean one reduced by the factor', async () => {
    const clean = photo(66)
    for (const scale of [2, 3, 4] as const) {
      const d = await degrade('upscale', clean, 7, { scale })
      expect(d.scale).toBe(scale)
      expect(d.image.width * scale).toBe(d.clean.width)
      expect(d.clean.width).toBe(66 - (66 % scale))
    }
  })

  it('kernels are normalised and as long as asked', () => {
    const line = linearMotionKernel(15, Math.PI / 4)
    expect(line.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5)
    expect(line.size).toBeGreaterThanOrEqual(15)
    const shake = shakeKernel(21, makeRng(3))
    expect(shake.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5)
    // A shake path covers more than one row or column (it curves).
    const rows = new Set<number>()
    shake.weights.forEach((w, i) => {
      if (w > 1e-3) rows.add(Math.floor(i / shake.size))
    })
    expect(rows.size).toBeGreaterThan(3)
  })
})
