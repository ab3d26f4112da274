import { describe, expect, it } from 'vitest'
import { fromFloat16Bits, toFloat16Bits } from './float16'

describe('float16', () => {
  it('encodes exact values, rounds to nearest even and saturates to infinity', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00)
    expect(toFloat16Bits(-2)).toBe(0xc000)
    expect(toFloat16Bits(65504)).toBe(0x7bff)
    expect(toFloat16Bits(1e6)).toBe(0x7c00)
    // 1 + 2^-11 is halfway between 1 and the next half: ties go to the even mantissa (1).
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00)
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02)
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001)
  })

  it('round-trips within half a unit in the last place', () => {
    for (const v of [0.1, 3.14159, -123.456, 1e-5, 255, 0.0039215]) {
      const back = fromFloat16Bits(toFloat16Bits(v))
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25)
    }
  })
})
