import { describe, expect, it } from 'vitest'
import type { AxisPlanInput, AxisSpan } from './axis-plan'
import { planAxis } from './axis-plan'
import { axisWeights } from './blend-window'

const esrgan = { tileSize: 64, overlap: 16, divisibility: 1, fixedInput: false }
const maxim = { tileSize: 256, overlap: 32, divisibility: 64, fixedInput: true }

function plan(
  imageLength: number,
  geometry: Omit<AxisPlanInput, 'imageLength' | 'region'>,
  region = { start: 0, end: imageLength }
): AxisSpan[] {
  return planAxis({ ...geometry, imageLength, region })
}

/** Sum of all tiles' blend weights at each pixel of [start, end). */
function weightSums(spans: readonly AxisSpan[], start: number, end: number): number[] {
  const sums = new Array<number>(end - start).fill(0)
  for (const span of spans) {
    axisWeights(span, 1).forEach((weight, i) => {
      const at = span.start + i - start
      if (at >= 0 && at < sums.length) sums[at] = (sums[at] ?? 0) + weight
    })
  }
  return sums
}

describe('planAxis', () => {
  const cases = [
    ...[1, 7, 63, 64, 65, 100, 150, 500, 1001].map((n) => ({ n, geometry: esrgan })),
    ...[1, 30, 255, 256, 257, 300, 700, 1500].map((n) => ({ n, geometry: maxim })),
    ...[40, 130, 333].map((n) => ({ n, geometry: { ...maxim, fixedInput: false } })),
    ...[50, 129, 400].map((n) => ({ n, geometry: { ...esrgan, tileSize: 128, overlap: 24 } }))
  ]

  it.each(cases)('covers every pixel of $n with weights summing to 1 ($geometry)', (c) => {
    const spans = plan(c.n, c.geometry)
    for (const sum of weightSums(spans, 0, c.n)) expect(sum).toBeCloseTo(1, 6)
  })

  it.each(cases)('cuts $n into tiles the model accepts ($geometry)', ({ n, geometry }) => {
    for (const span of plan(n, geometry)) {
      expect(span.length % geometry.divisibility).toBe(0)
      expect(span.length).toBeLessThanOrEqual(geometry.tileSize)
      if (geometry.fixedInput) expect(span.length).toBe(geometry.tileSize)
      expect(span.start).toBeGreaterThanOrEqual(0)
      // Only an image shorter than the tile makes it read past the edge (then by reflection).
      if (n >= span.length) expect(span.start + span.length).toBeLessThanOrEqual(n)
    }
  })

  it.each(cases)('overlaps neighbours by at least the overlap in $n', ({ n, geometry }) => {
    const spans = plan(n, geometry)
    for (let i = 1; i < spans.length; i += 1) {
      const shared = spans[i - 1]!.start + spans[i - 1]!.length - spans[i]!.start
      expect(shared).toBeGreaterThanOrEqual(geometry.overlap)
    }
  })

  it('uses the fewest tiles the overlap allows', () => {
    // (1000 − 32) / (256 − 32) = 4.3: five tiles.
    expect(plan(1000, maxim)).toHaveLength(5)
    expect(plan(256, maxim)).toHaveLength(1)
    expect(plan(257, maxim)).toHaveLength(2)
  })

  it('fades over exactly the overlap, centred in the shared pixels', () => {
    const [first, second] = plan(112, esrgan)
    expect(first).toMatchObject({ start: 0, length: 64 })
    expect(second).toMatchObject({ start: 48, length: 64 })
    expect(first!.fadeOut).toEqual({ start: 48, end: 64 })
    expect(second!.fadeIn).toEqual(first!.fadeOut)
  })

  it('gives the image edges full weight (no fade toward the border)', () => {
    const spans = plan(500, esrgan)
    expect(spans[0]!.fadeIn).toEqual({ start: 0, end: 0 })
    expect(spans.at(-1)!.fadeOut).toEqual({ start: 500, end: 500 })
  })

  it('pads a tiny image into one whole fixed-size tile', () => {
    expect(plan(30, maxim)).toEqual([
      { start: 0, length: 256, fadeIn: { start: 0, end: 0 }, fadeOut: { start: 256, end: 256 } }
    ])
  })

  it('rounds a dynamic tile up to the divisibility', () => {
    expect(plan(100, { ...maxim, fixedInput: false }).map((s) => s.length)).toEqual([128])
  })

  it('reads real context around a region instead of padding', () => {
    const spans = plan(1000, esrgan, { start: 500, end: 510 })
    expect(spans).toHaveLength(1)
    expect(spans[0]!.start).toBeLessThanOrEqual(500 - esrgan.overlap)
    expect(spans[0]!.start + spans[0]!.length).toBeGreaterThanOrEqual(510 + esrgan.overlap)
    // A fixed tile around a small region stays inside the image at its end.
    const atEnd = plan(1000, maxim, { start: 990, end: 1000 })
    expect(atEnd).toMatchObject([{ start: 1000 - 256, length: 256 }])
  })

  it('plans only the tiles a region needs, still summing to 1 across it', () => {
    const region = { start: 300, end: 420 }
    const spans = plan(1000, esrgan, region)
    expect(spans.length).toBeLessThanOrEqual(3)
    for (const sum of weightSums(spans, region.start, region.end)) expect(sum).toBeCloseTo(1, 6)
  })
})
