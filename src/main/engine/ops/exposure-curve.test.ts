import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import {
  DARK_MEAN,
  NORMAL_MEAN,
  applyCurve,
  channelHistograms,
  curveTable,
  meanAfter,
  scaleCurve,
  solveExposure,
  underexposure,
  whitePoint
} from './exposure-curve'

/** A smooth RGB gradient with some colour, values spread over the whole range. */
function gradient(width: number, height: number, bitDepth: 8 | 16 = 8): RawImage {
  const max = bitDepth === 16 ? 65535 : 255
  const data =
    bitDepth === 16 ? new Uint16Array(width * height * 3) : new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const v = (x + y * width) / (width * height - 1)
      data[i] = Math.round(max * v)
      data[i + 1] = Math.round(max * v * 0.8)
      data[i + 2] = Math.round(max * v * (0.5 + 0.5 * (y / (height - 1))))
    }
  }
  return { data, width, height, channels: 3, bitDepth }
}

function map(image: RawImage, f: (v: number) => number): RawImage {
  const max = image.bitDepth === 16 ? 65535 : 255
  const data = image.data.map((v) => Math.round(f(v / max) * max))
  return { ...image, data }
}

describe('exposure curve', () => {
  it('finds the white point below which all but 0.5% of the luminance lies', () => {
    const image = gradient(100, 100)
    const white = whitePoint(channelHistograms(image))
    // Luminance of the gradient's top 0.5%: v·(0.2126 + 0.7152·0.8 + 0.0722·~1).
    expect(white).toBeGreaterThan(0.83)
    expect(white).toBeLessThan(0.86)
    const darker = map(image, (v) => v * 0.3)
    expect(whitePoint(channelHistograms(darker))).toBeCloseTo(white * 0.3, 2)
  })

  it('does not stretch an almost black frame more than 16×', () => {
    const black = map(gradient(20, 20), (v) => v * 0.01)
    expect(whitePoint(channelHistograms(black))).toBe(1 / 16)
  })

  it('inverts an under-exposure of the kind s·v^p, given the original key', () => {
    const clean = gradient(128, 128)
    const cleanHistograms = channelHistograms(clean)
    const key = meanAfter(cleanHistograms, { white: 1, exponent: 1 }) / whitePoint(cleanHistograms)
    const dark = map(clean, (v) => 0.35 * v ** 1.8)
    const curve = solveExposure(channelHistograms(dark), key)
    expect(curve.exponent).toBeGreaterThan(0.5)
    expect(curve.exponent).toBeLessThan(0.6) // 1/1.8 = 0.556
    // The result's mean brightness relative to its white point is the key asked for.
    const restored = meanAfter(channelHistograms(dark), curve)
    expect(restored).toBeCloseTo(key, 2)
  })

  it('brightens more for a higher key, and solves within its exponent bounds', () => {
    const histograms = channelHistograms(map(gradient(64, 64), (v) => 0.2 * v ** 2))
    const low = solveExposure(histograms, 0.3)
    const high = solveExposure(histograms, 0.6)
    expect(high.exponent).toBeLessThan(low.exponent)
    expect(solveExposure(histograms, 5).exponent).toBeGreaterThanOrEqual(0.2)
    expect(solveExposure(histograms, 0).exponent).toBeLessThanOrEqual(1.5)
  })

  it('rates under-exposure from the mean luminance: 0 when normal, 1 when dark', () => {
    const flat = (level: number): RawImage => ({
      data: new Uint8Array(16 * 16 * 3).fill(Math.round(level * 255)),
      width: 16,
      height: 16,
      channels: 3,
      bitDepth: 8
    })
    expect(underexposure(channelHistograms(flat(0.5)))).toBe(0)
    expect(underexposure(channelHistograms(flat(0.1)))).toBe(1)
    expect(underexposure(channelHistograms(flat((DARK_MEAN + NORMAL_MEAN) / 2)))).toBeCloseTo(
      0.5,
      1
    )
  })

  it('is the identity at strength 0 and the whole curve at strength 1', () => {
    const curve = { white: 0.4, exponent: 0.6 }
    expect(scaleCurve(curve, 0)).toEqual({ white: 1, exponent: 1 })
    expect(scaleCurve(curve, 1)).toEqual(curve)
    const half = scaleCurve(curve, 0.5)
    expect(applyCurve(0.2, half)).toBeGreaterThan(0.2)
    expect(applyCurve(0.2, half)).toBeLessThan(applyCurve(0.2, curve))
  })

  it('tabulates monotonically for 8- and 16-bit samples, clipping at 1', () => {
    for (const bitDepth of [8, 16] as const) {
      const table = curveTable({ white: 0.5, exponent: 0.7 }, bitDepth)
      expect(table).toHaveLength(bitDepth === 16 ? 65536 : 256)
      expect(table[0]).toBe(0)
      for (let v = 1; v < table.length; v++) expect(table[v]).toBeGreaterThanOrEqual(table[v - 1]!)
      expect(table[table.length - 1]).toBe(1)
      expect(table[Math.round((table.length - 1) / 2)]).toBeCloseTo(1, 2)
    }
    const sixteen = channelHistograms(gradient(64, 64, 16))
    expect(sixteen.bins).toBe(65536)
    expect(whitePoint(sixteen)).toBeCloseTo(whitePoint(channelHistograms(gradient(64, 64))), 2)
  })
})
