import { describe, expect, it } from 'vitest'
import { activationQuantization, quantizeBias, quantizePerChannel } from './quantize-weights'

describe('quantizePerChannel', () => {
  it('scales each output channel by its own max |w| / 127, symmetric around 0', () => {
    const w = new Float32Array([0.5, -1, 0.25, /* channel 1 */ 10, 5, -2.5])
    const q = quantizePerChannel(w, 2)
    expect(Array.from(q.scales)).toEqual([Math.fround(1 / 127), Math.fround(10 / 127)])
    expect(Array.from(q.values)).toEqual([64, -127, 32, 127, 64, -32])
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
