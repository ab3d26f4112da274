import { describe, expect, it } from 'vitest'
import { boxMean, fitAffine, makeSampler } from './guided-upsampling'

describe('guided upsampling', () => {
  it('box mean averages the clipped window', () => {
    const values = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const mean = boxMean(values, 3, 3, 1)
    expect(mean[4]).toBeCloseTo(5, 6)
    expect(mean[0]).toBeCloseTo((1 + 2 + 4 + 5) / 4, 6)
  })

  it('recovers an exact affine relation between guide and target', () => {
    const width = 24
    const height = 16
    const guide = Float32Array.from({ length: width * height }, (_, i) => ((i * 7919) % 97) / 97)
    const target = guide.map((g) => 0.6 * g + 0.2)
    const field = fitAffine(guide, target, width, height, 3, 1e-6)
    for (let i = 0; i < guide.length; i++) {
      expect(field.a[i]).toBeCloseTo(0.6, 3)
      expect(field.b[i]).toBeCloseTo(0.2, 3)
    }
  })

  it('samples a field bilinearly at full-resolution pixel centres', () => {
    const field = {
      a: Float32Array.from([0, 1]),
      b: Float32Array.from([10, 20]),
      width: 2,
      height: 1
    }
    const sample = makeSampler(field, 4, 1)
    const out = { a: 0, b: 0 }
    sample(0, 0, out)
    expect(out).toEqual({ a: 0, b: 10 })
    sample(3, 0, out)
    expect(out).toEqual({ a: 1, b: 20 })
    sample(1, 0, out)
    expect(out.a).toBeCloseTo(0.25, 6)
  })
})
