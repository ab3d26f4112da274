import { describe, expect, it } from 'vitest'
import { axisWeights } from './blend-window'
import type { Region, TilePlan } from './tile-plan'
import { planTiles } from './tile-plan'

const maxim = { tileSize: 256, overlap: 32, divisibility: 64, fixedInput: true }
const esrgan = { tileSize: 64, overlap: 16, divisibility: 1, fixedInput: false }

/** Each region pixel's total blend weight over all planned tiles (row-major, 1 channel). */
function regionWeightSums(plan: TilePlan): Float64Array {
  const { region } = plan
  const sums = new Float64Array(region.width * region.height)
  for (const tile of plan.tiles) {
    const wx = axisWeights(tile.x, 1)
    const wy = axisWeights(tile.y, 1)
    for (let j = 0; j < wy.length; j += 1) {
      const y = tile.y.start + j - region.y
      if (y < 0 || y >= region.height) continue
      for (let i = 0; i < wx.length; i += 1) {
        const x = tile.x.start + i - region.x
        if (x < 0 || x >= region.width) continue
        sums[y * region.width + x]! += wx[i]! * wy[j]!
      }
    }
  }
  return sums
}

describe('planTiles', () => {
  it('lays a grid over the whole image by default', () => {
    const plan = planTiles(4000, 3000, maxim)
    // (4000 − 32) / 224 → 18 columns, (3000 − 32) / 224 → 14 rows.
    expect(plan.columns).toHaveLength(18)
    expect(plan.rows).toHaveLength(14)
    expect(plan.tiles).toHaveLength(18 * 14)
    expect(plan.region).toEqual({ x: 0, y: 0, width: 4000, height: 3000 })
  })

  it('lists tiles row by row', () => {
    const plan = planTiles(300, 300, esrgan)
    expect(plan.tiles[0]).toEqual({ x: plan.columns[0], y: plan.rows[0] })
    expect(plan.tiles[1]).toEqual({ x: plan.columns[1], y: plan.rows[0] })
    expect(plan.tiles[plan.columns.length]).toEqual({ x: plan.columns[0], y: plan.rows[1] })
  })

  it.each<[string, number, number, Region]>([
    ['a whole image', 203, 157, { x: 0, y: 0, width: 203, height: 157 }],
    ['a region inside', 500, 400, { x: 123, y: 77, width: 140, height: 95 }],
    ['a region on the corner', 500, 400, { x: 420, y: 0, width: 80, height: 61 }]
  ])('weights every pixel of %s to a total of 1', (_name, width, height, region) => {
    const plan = planTiles(width, height, esrgan, region)
    const sums = regionWeightSums(plan)
    expect(sums.length).toBe(region.width * region.height)
    const worst = sums.reduce((most, sum) => Math.max(most, Math.abs(sum - 1)), 0)
    expect(worst).toBeLessThan(1e-6)
  })

  it('plans few tiles for a small region of a big image', () => {
    const whole = planTiles(6000, 4000, maxim).tiles.length
    const centre = { x: 3000, y: 2000, width: 100, height: 100 }
    expect(planTiles(6000, 4000, maxim, centre).tiles).toHaveLength(1)
    const strip = { x: 1000, y: 1000, width: 600, height: 40 }
    expect(planTiles(6000, 4000, maxim, strip).tiles).toHaveLength(3)
    expect(whole).toBe(27 * 18)
  })

  it('plans one padded tile for an image smaller than a fixed tile', () => {
    const plan = planTiles(40, 30, maxim)
    expect(plan.tiles).toHaveLength(1)
    expect(plan.tiles[0]).toMatchObject({
      x: { start: 0, length: 256 },
      y: { start: 0, length: 256 }
    })
  })

  it.each([
    [{ ...esrgan, overlap: 64 }, /overlap below tileSize 64/],
    [{ ...esrgan, overlap: -1 }, /non-negative integer for overlap/],
    [{ ...maxim, tileSize: 200 }, /multiple of divisibility 64/],
    [{ ...esrgan, tileSize: 0 }, /positive integer for tileSize but received 0/],
    [{ ...esrgan, divisibility: 1.5 }, /positive integer for divisibility/]
  ])('refuses bad geometry %o', (geometry, message) => {
    expect(() => planTiles(100, 100, geometry)).toThrow(message)
  })

  it.each<[Region, RegExp]>([
    [{ x: 0, y: 0, width: 0, height: 10 }, /positive integer for region width/],
    [{ x: -1, y: 0, width: 10, height: 10 }, /non-negative integer for region x/],
    [{ x: 95, y: 0, width: 10, height: 10 }, /inside the 100×80 image/],
    [{ x: 0, y: 75, width: 10, height: 10 }, /inside the 100×80 image/]
  ])('refuses a region outside the image %o', (region, message) => {
    expect(() => planTiles(100, 80, esrgan, region)).toThrow(message)
  })
})
