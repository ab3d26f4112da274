import { describe, expect, it } from 'vitest'
import { tensor } from './host-tensor'
import { upsampledConvAsPhases } from './upsampled-conv'

/** Plain NCHW "same" convolution of one image, zero padded: the reference. */
function conv(
  x: Float32Array,
  [cin, h, w]: readonly [number, number, number],
  k: Float32Array,
  [cout, size]: readonly [number, number],
  bias: Float32Array
): Float32Array {
  const r = (size - 1) / 2
  const y = new Float32Array(cout * h * w)
  for (let o = 0; o < cout; o++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        let sum = bias[o] ?? 0
        for (let c = 0; c < cin; c++)
          for (let u = -r; u <= r; u++)
            for (let v = -r; v <= r; v++) {
              const [p, q] = [i + u, j + v]
              if (p < 0 || q < 0 || p >= h || q >= w) continue
              sum +=
                (k[((o * cin + c) * size + u + r) * size + v + r] ?? 0) *
                (x[(c * h + p) * w + q] ?? 0)
            }
        y[(o * h + i) * w + j] = sum
      }
  return y
}

function upsample(
  x: Float32Array,
  [c, h, w]: readonly [number, number, number],
  s: number
): Float32Array {
  const y = new Float32Array(c * h * s * w * s)
  for (let ch = 0; ch < c; ch++)
    for (let i = 0; i < h * s; i++)
      for (let j = 0; j < w * s; j++)
        y[(ch * h * s + i) * w * s + j] =
          x[(ch * h + Math.floor(i / s)) * w + Math.floor(j / s)] ?? 0
  return y
}

/** ONNX DepthToSpace, CRD order, one image. */
function depthToSpace(
  x: Float32Array,
  [c, h, w]: readonly [number, number, number],
  s: number
): Float32Array {
  const out = c / (s * s)
  const y = new Float32Array(x.length)
  for (let o = 0; o < out; o++)
    for (let a = 0; a < s; a++)
      for (let b = 0; b < s; b++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            y[(o * h * s + i * s + a) * w * s + j * s + b] =
              x[((o * s * s + a * s + b) * h + i) * w + j] ?? 0
  return y
}

const random = (n: number, seed: number): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.5)

describe('upsampledConvAsPhases', () => {
  it.each([
    [2, 3],
    [3, 3],
    [8, 3],
    [2, 5]
  ])('×%i upsampling then a %i×%i conv equals the low-resolution phases', (s, size) => {
    const [cin, cout, h, w] = [3, 2, 5, 4]
    const x = random(cin * h * w, 1)
    const k = random(cout * cin * size * size, 2)
    const bias = random(cout, 3)
    const expected = conv(upsample(x, [cin, h, w], s), [cin, h * s, w * s], k, [cout, size], bias)
    const phases = upsampledConvAsPhases(
      tensor('float32', [cout, cin, size, size], k),
      tensor('float32', [cout], bias),
      s
    )
    const low = conv(
      x,
      [cin, h, w],
      phases.kernel.data as Float32Array,
      [cout * s * s, 3],
      phases.bias?.data as Float32Array
    )
    const actual = depthToSpace(low, [cout * s * s, h, w], s)
    expect(actual.length).toBe(expected.length)
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] ?? 0, 5)
  })

  it('refuses kernels wider than the upsampling can fold', () => {
    const k = tensor('float32', [1, 1, 7, 7], new Float32Array(49))
    expect(() => upsampledConvAsPhases(k, undefined, 2)).toThrow(/Cannot fold/)
  })
})
