/**
 * IEEE 754 binary16 conversion, for fp16 initializers. Node 20 has no Float16Array, so the bits
 * are computed here: round to nearest, ties to even, overflow to ±Infinity, subnormals kept.
 */

const view = new DataView(new ArrayBuffer(4))

/** The binary16 bits of a number (as float32 first, like every tensor we write). */
export function toFloat16Bits(value: number): number {
  view.setFloat32(0, value)
  const bits = view.getUint32(0)
  const sign = (bits >>> 16) & 0x8000
  const exponent = (bits >>> 23) & 0xff
  const mantissa = bits & 0x7fffff
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0)
  const e = exponent - 127 + 15
  if (e >= 0x1f) return sign | 0x7c00
  if (e <= 0) {
    // Subnormal half (or zero): shift the implicit 1 in and round.
    if (e < -10) return sign
    const full = mantissa | 0x800000
    const shift = 14 - e
    const half = full >>> shift
    const rest = full & ((1 << shift) - 1)
    const midpoint = 1 << (shift - 1)
    const round = rest > midpoint || (rest === midpoint && (half & 1) === 1) ? 1 : 0
    return sign | (half + round)
  }
  const half = (e << 10) | (mantissa >>> 13)
  const rest = mantissa & 0x1fff
  const round = rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1) ? 1 : 0
  // A carry out of the mantissa correctly bumps the exponent (up to Infinity).
  return sign | (half + round)
}

/** The number a binary16 bit pattern stands for. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >>> 10) & 0x1f
  const mantissa = bits & 0x3ff
  if (exponent === 0) return sign * mantissa * 2 ** -24
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15)
}

/** A float32 array as binary16 bits. */
export function toFloat16Array(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = toFloat16Bits(values[i] ?? 0)
  return out
}
