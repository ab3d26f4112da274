import { describe, expect, it } from 'vitest'
import type { TilePlacement } from './accumulator-band'
import { AccumulatorBand } from './accumulator-band'

/** A tile `width` × `height` whose every sample is `value`. */
function flat(width: number, height: number, value: number): Float32Array {
  return new Float32Array(width * height * 3).fill(value)
}

function placement(
  left: number,
  top: number,
  width: number,
  height: number,
  weight: number
): TilePlacement {
  return {
    left,
    top,
    width,
    x0: left,
    x1: left + width,
    y0: top,
    y1: top + height,
    columnWeights: new Float32Array(width).fill(weight),
    rowWeights: new Float32Array(height).fill(1)
  }
}

describe('AccumulatorBand', () => {
  it('writes the weighted mean of overlapping tiles, rounded to integers', () => {
    const output = new Uint8Array(2 * 2 * 3)
    const band = new AccumulatorBand(output, 2, 255, 2)
    band.add(flat(2, 2, 0.2), placement(0, 0, 2, 2, 0.25))
    band.add(flat(2, 2, 0.6), placement(0, 0, 2, 2, 0.75))
    band.flushUntil(2)
    // (0.2·0.25 + 0.6·0.75) / 1 = 0.5 → 127.5 → 128
    expect(Array.from(output)).toEqual(new Array(12).fill(128))
  })

  it('clamps values the model pushed outside 0..1', () => {
    const output = new Uint16Array(2 * 1 * 3)
    const band = new AccumulatorBand(output, 2, 65535, 1)
    band.add(flat(1, 1, 1.3), placement(0, 0, 1, 1, 1))
    band.add(flat(1, 1, -0.2), placement(1, 0, 1, 1, 1))
    band.flushUntil(1)
    expect(Array.from(output)).toEqual([65535, 65535, 65535, 0, 0, 0])
  })

  it('keeps the rows still blending when it flushes the finished ones', () => {
    const output = new Uint8Array(1 * 3 * 3)
    const band = new AccumulatorBand(output, 1, 255, 2)
    band.add(flat(1, 2, 0.4), placement(0, 0, 1, 2, 1))
    band.flushUntil(1)
    // Row 1 moved to the band's top and blends with the next tile row.
    band.add(flat(1, 2, 0.8), placement(0, 1, 1, 2, 1))
    band.flushUntil(3)
    expect(Array.from(output)).toEqual([102, 102, 102, 153, 153, 153, 204, 204, 204])
  })

  it('refuses tiles above the flushed rows or taller than the band', () => {
    const band = new AccumulatorBand(new Uint8Array(1 * 4 * 3), 1, 255, 2)
    expect(() => band.add(flat(1, 3, 0), placement(0, 0, 1, 3, 1))).toThrow(
      /outside the blending band/
    )
    band.add(flat(1, 2, 0), placement(0, 0, 1, 2, 1))
    band.flushUntil(1)
    expect(() => band.add(flat(1, 1, 0), placement(0, 0, 1, 1, 1))).toThrow(
      /outside the blending band/
    )
    expect(() => band.flushUntil(4)).toThrow(/3 rows from a 2-row band/)
  })

  it('rounds like Math.round of the clamped weighted mean on random 16-bit data', () => {
    const width = 64
    const first = new Float32Array(width * 3).map((_, i) => ((i * 37) % 101) / 90 - 0.05)
    const second = new Float32Array(width * 3).map((_, i) => ((i * 53) % 97) / 90 - 0.05)
    const weights = new Float32Array(width).map((_, i) => 0.05 + i / width)
    const output = new Uint16Array(width * 3)
    const band = new AccumulatorBand(output, width, 65535, 1)
    const at = { ...placement(0, 0, width, 1, 1), columnWeights: weights }
    band.add(first, at)
    band.add(second, { ...at, columnWeights: weights.map((w) => 1 - w) })
    band.flushUntil(1)
    const expected = Array.from(output, (_, i) => {
      const w = weights[Math.floor(i / 3)]!
      const mean = first[i]! * w + second[i]! * (1 - w)
      return Math.round(Math.min(1, Math.max(0, mean)) * 65535)
    })
    // One level of float32 rounding apart at most (the band sums in float32).
    output.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1))
  })
})
