import { describe, expect, it } from 'vitest'
import { rasterizeMask } from '../../shared/domain/mask-raster'
import { squareStrokes } from './painted-square'

function paintedBox(
  width: number,
  height: number,
  side: number
): {
  x0: number
  y0: number
  x1: number
  y1: number
  painted: number
} {
  const coverage = rasterizeMask(
    { strokes: squareStrokes(width, height, side), inverted: false },
    width,
    height
  )
  let [x0, y0, x1, y1, painted] = [width, height, -1, -1, 0]
  coverage.forEach((value, i) => {
    if (value < 128) return
    const x = i % width
    const y = Math.floor(i / width)
    painted++
    x0 = Math.min(x0, x)
    y0 = Math.min(y0, y)
    x1 = Math.max(x1, x)
    y1 = Math.max(y1, y)
  })
  return { x0, y0, x1, y1, painted }
}

describe('squareStrokes', () => {
  it('paints the centred square and nothing outside it', () => {
    const box = paintedBox(1000, 800, 512)
    expect(box.x0).toBeGreaterThanOrEqual(244 - 1)
    expect(box.x1).toBeLessThanOrEqual(244 + 512)
    expect(box.y0).toBeGreaterThanOrEqual(144 - 1)
    expect(box.y1).toBeLessThanOrEqual(144 + 512)
    expect(box.x1 - box.x0).toBeGreaterThan(500)
    expect(box.y1 - box.y0).toBeGreaterThan(500)
  })

  it('covers most of the square (only the round caps leave corners)', () => {
    const { painted } = paintedBox(600, 600, 256)
    expect(painted / 256 ** 2).toBeGreaterThan(0.9)
  })

  it('paints four times the area for twice the side', () => {
    const small = paintedBox(1200, 1200, 256).painted
    const large = paintedBox(1200, 1200, 512).painted
    expect(large / small).toBeGreaterThan(3.8)
    expect(large / small).toBeLessThan(4.2)
  })

  it('rejects a square larger than the photo', () => {
    expect(() => squareStrokes(300, 300, 512)).toThrow(/square side/)
  })
})
