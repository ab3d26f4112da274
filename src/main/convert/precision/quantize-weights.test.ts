import { describe, expect, it } from 'vitest'
import {
  activationQuantization,
  PAIR_CODE_LIMIT,
  quantizeBias,
  quantizePerChannel,
  worstPairSums
} from './quantize-weights'

describe('quantizePerChannel', () => {
  it('scales each output channel by its own max |w| / 127, symmetric around 0', () => {
    const w = new Float32Array([0.5, -1, 0.25, /* channel 1 */ -10, 1, 2.5])
    const q = quantizePerChannel(w, 2)
    expect(Array.from(q.scales)).toEqual([Math.fround(1 / 127), Math.fround(10 / 127)])
    expect(Array.from(q.values)).toEqual([64, -127, 32, -127, 13, 32])
  })

  it('widens a channel whose two largest same-sign weights would pass the 16-bit pair limit', () => {
    expect(PAIR_CODE_LIMIT).toBe(128)
    // 10 and 5 at max/127 would be codes 127 + 64: 255 × 191 saturates a signed 16-bit lane.
    const q = quantizePerChannel(new Float32Array([10, 5, -2.5]), 1)
    expect(q.scales[0]).toBe(Math.fround(15 / 128))
    expect(Array.from(q.values)).toEqual([85, 43, -21])
  })

  it('keeps every channel within the pair limit and within half a step of each weight', () => {
    let seed = 3
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1
    for (let trial = 0; trial < 200; trial++) {
      const per = 1 + (trial % 40)
      const w = Float32Array.from(
        { length: per * 3 },
        () => random() * (trial % 7 === 0 ? 1e-4 : 3)
      )
      const q = quantizePerChannel(w, 3)
      for (let c = 0; c < 3; c++) {
        const codes = q.values.subarray(c * per, (c + 1) * per)
        const { positive, negative } = worstPairSums(codes)
        expect(Math.max(positive, negative)).toBeLessThanOrEqual(PAIR_CODE_LIMIT)
        const scale = q.scales[c] ?? 0
        const max = Math.max(...Array.from(w.subarray(c * per, (c + 1) * per), Math.abs))
        // Never coarser than onnxruntime's 7-bit reduce_range step (max / 64), to the float32 ulp.
        expect(scale).toBeLessThanOrEqual((max / 64) * (1 + 2 ** -10))
        for (let i = 0; i < per; i++) {
          const error = Math.abs((codes[i] ?? 0) * scale - (w[c * per + i] ?? 0))
          expect(error).toBeLessThanOrEqual(scale / 2 + 1e-12)
        }
      }
    }
  })

  it('gives an all-zero channel a usable scale and rejects a shape that does not divide', () => {
    expect(quantizePerChannel(new Float32Array(4), 2).scales[0]).toBe(1)
    expect(() => quantizePerChannel(new Float32Array(5), 2)).toThrow('Expected 2 channels')
  })
})

describe('quantizeBias', () => {
  it('stores the bias at input scale × weight scale', () => {
    const q = quantizeBias(new Float32Array([1, -0.5]), 0.5, new Float32Array([0.01, 0.1]))
    expect(Array.from(q.values)).toEqual([200, -10])
  })
})

describe('activationQuantization', () => {
  it('keeps zero exact and gives a ReLU range zero point 0', () => {
    expect(activationQuantization(0, 255)).toEqual({ scale: 1, zeroPoint: 0 })
    const signed = activationQuantization(-1, 3)
    expect(signed.zeroPoint).toBe(Math.round(1 / signed.scale))
    expect(activationQuantization(2, 4).zeroPoint).toBe(0)
  })
})
