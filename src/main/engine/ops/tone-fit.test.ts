import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { applyToneCurves, fitToneCurves } from './tone-fit'

function ramp(f: (v: number, c: number) => number): RawImage {
  // Every level 0..255 on each channel, twice (one row per pass).
  const width = 256
  const height = 2
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < data.length; i++) {
    const v = Math.floor(i / 3) % 256
    data[i] = Math.max(0, Math.min(255, Math.round(f(v, i % 3))))
  }
  return { data, width, height, channels: 3, bitDepth: 8 }
}

describe('fitToneCurves', () => {
  it('recovers a gamma brightening to within 2 levels (the steep darkest levels within 10)', () => {
    const input = ramp((v) => v)
    const output = ramp((v) => 255 * (v / 255) ** 0.5)
    const curves = fitToneCurves(input, output, 8, { perChannel: false })
    const applied = applyToneCurves(input, curves, 1)
    for (let i = 0; i < applied.data.length; i++) {
      const level = Math.floor(i / 3) % 256
      const error = Math.abs((applied.data[i] ?? 0) - (output.data[i] ?? 0))
      expect(error).toBeLessThanOrEqual(level < 8 ? 10 : 2)
    }
  })

  it('per channel, transfers a white-balance correction; pooled, does not', () => {
    const input = ramp((v) => v)
    const output = ramp((v, c) => (c === 2 ? 0.7 * v : v))
    const perChannel = applyToneCurves(
      input,
      fitToneCurves(input, output, 8, { perChannel: true }),
      1
    )
    const pooled = applyToneCurves(input, fitToneCurves(input, output, 8, { perChannel: false }), 1)
    const mid = 128 * 3 + 2
    expect(perChannel.data[mid]).toBeCloseTo(0.7 * 128, -0.5)
    expect(perChannel.data[mid - 1]).toBeCloseTo(128, -0.5)
    // Pooled: one curve, so blue and green come out alike.
    expect(Math.abs((pooled.data[mid] ?? 0) - (pooled.data[mid - 1] ?? 0))).toBeLessThanOrEqual(1)
  })

  it('is monotone even when the output is not', () => {
    const input = ramp((v) => v)
    const output = ramp((v) => (v > 100 && v < 140 ? 255 - v : v))
    const [curve] = fitToneCurves(input, output, 8, { perChannel: false })
    for (let v = 1; v < 256; v++) expect(curve[v] ?? 0).toBeGreaterThanOrEqual(curve[v - 1] ?? 0)
  })

  it('amount 0 is the identity and 16-bit tables have one entry per sample value', () => {
    const input = ramp((v) => v)
    const curves = fitToneCurves(
      input,
      ramp((v) => 255 - v / 2),
      8,
      { perChannel: true }
    )
    expect(applyToneCurves(input, curves, 0).data).toEqual(input.data)
    expect(fitToneCurves(input, input, 16, { perChannel: false })[0]).toHaveLength(65536)
  })
})
