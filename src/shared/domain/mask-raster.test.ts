import { describe, expect, it } from 'vitest'
import type { Mask, Stroke } from './mask'
import { coverageBounds, maskReach, rasterizeMask } from './mask-raster'

const stroke = (overrides: Partial<Stroke> = {}): Stroke => ({
  mode: 'paint',
  size: 40,
  hardness: 1,
  opacity: 1,
  points: [[50, 50]],
  ...overrides
})

const mask = (strokes: Stroke[], inverted = false): Mask => ({ strokes, inverted })
const sum = (coverage: Uint8Array): number => coverage.reduce((total, v) => total + v, 0)
const at = (coverage: Uint8Array, width: number, x: number, y: number): number =>
  coverage[y * width + x] ?? -1

describe('rasterizeMask', () => {
  it('paints a hard disc of about πr² full-coverage pixels', () => {
    const coverage = rasterizeMask(mask([stroke()]), 100, 100)
    const full = coverage.filter((v) => v === 255).length
    expect(full / (Math.PI * 20 * 20)).toBeCloseTo(1, 1)
    expect(coverage.every((v) => v === 0 || v === 255)).toBe(true)
    expect(at(coverage, 100, 50, 50)).toBe(255)
    expect(at(coverage, 100, 50, 75)).toBe(0)
  })

  it('falls off smoothly outside the hard core of a soft brush', () => {
    const coverage = rasterizeMask(mask([stroke({ hardness: 0.5 })]), 100, 100)
    expect(at(coverage, 100, 50, 55)).toBe(255)
    const edge = [62, 64, 66].map((x) => at(coverage, 100, x, 50))
    expect(edge[0]).toBeGreaterThan(edge[1] ?? 0)
    expect(edge[1]).toBeGreaterThan(edge[2] ?? 0)
    expect(edge[2]).toBeGreaterThan(0)
    expect(at(coverage, 100, 71, 50)).toBe(0)
  })

  it('stamps along the path without gaps and without building up within a stroke', () => {
    const line = stroke({
      size: 10,
      opacity: 0.5,
      points: [
        [10, 50],
        [90, 50],
        [10, 50]
      ]
    })
    const coverage = rasterizeMask(mask([line]), 100, 100)
    for (let x = 10; x < 90; x++) expect(at(coverage, 100, x, 50)).toBe(128)
  })

  it('caps a stroke at its opacity and composites strokes over each other', () => {
    const one = rasterizeMask(mask([stroke({ opacity: 0.5 })]), 100, 100)
    expect(at(one, 100, 50, 50)).toBe(128)
    const two = rasterizeMask(mask([stroke({ opacity: 0.5 }), stroke({ opacity: 0.5 })]), 100, 100)
    // 0.5 + 0.5·0.5, within the rounding of the 8-bit coverage between strokes
    expect(Math.abs(at(two, 100, 50, 50) - 191.25)).toBeLessThanOrEqual(1)
  })

  it('erases what was painted', () => {
    const erased = rasterizeMask(
      mask([stroke({ size: 60 }), stroke({ mode: 'erase', size: 20 })]),
      100,
      100
    )
    expect(at(erased, 100, 50, 50)).toBe(0)
    expect(at(erased, 100, 50, 30)).toBe(255)
    const half = rasterizeMask(mask([stroke(), stroke({ mode: 'erase', opacity: 0.25 })]), 100, 100)
    expect(at(half, 100, 50, 50)).toBe(191)
  })

  it('inverts: everything but the painted pixels', () => {
    const plain = rasterizeMask(mask([stroke()]), 100, 100)
    const inverted = rasterizeMask(mask([stroke()], true), 100, 100)
    for (let i = 0; i < plain.length; i += 97)
      expect((plain[i] ?? 0) + (inverted[i] ?? 0)).toBe(255)
    expect(rasterizeMask(mask([], true), 4, 4).every((v) => v === 255)).toBe(true)
  })

  it('clips strokes at the image edges and ignores strokes outside it', () => {
    const corner = rasterizeMask(mask([stroke({ points: [[0, 0]] })]), 100, 100)
    const quarter = corner.filter((v) => v === 255).length
    expect(quarter / ((Math.PI * 400) / 4)).toBeCloseTo(1, 1)
    const outside = rasterizeMask(mask([stroke({ points: [[-500, 900]] })]), 100, 100)
    expect(sum(outside)).toBe(0)
  })

  it('rasterises at a smaller scale for previews', () => {
    const preview = rasterizeMask(mask([stroke({ points: [[100, 100]] })]), 50, 50, 0.25)
    const full = preview.filter((v) => v === 255).length
    expect(full / (Math.PI * 5 * 5)).toBeCloseTo(1, 0)
    expect(at(preview, 50, 25, 25)).toBe(255)
  })

  it('finds the bounding box of the coverage', () => {
    const coverage = rasterizeMask(mask([stroke({ size: 10, points: [[20, 30]] })]), 100, 100)
    expect(coverageBounds(coverage, 100, 100)).toEqual({ x: 15, y: 25, width: 10, height: 10 })
    expect(coverageBounds(new Uint8Array(16), 4, 4)).toBeNull()
  })

  it('bounds what a mask can reach without rasterising it', () => {
    const painted = mask([stroke({ size: 10, points: [[20, 30]] }), stroke({ mode: 'erase' })])
    const reach = maskReach(painted, 100, 100)
    const exact = coverageBounds(rasterizeMask(painted, 100, 100), 100, 100)
    expect(reach?.x).toBeLessThanOrEqual(exact?.x ?? 0)
    expect((reach?.x ?? 0) + (reach?.width ?? 0)).toBeGreaterThanOrEqual(
      (exact?.x ?? 0) + (exact?.width ?? 0)
    )
    expect(maskReach(mask([]), 100, 100)).toBeNull()
    expect(maskReach(mask([], true), 100, 80)).toEqual({ x: 0, y: 0, width: 100, height: 80 })
  })
})
