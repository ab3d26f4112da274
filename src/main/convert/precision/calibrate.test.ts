import { describe, expect, it } from 'vitest'
import { tensor } from '../host-tensor'
import { OnnxBuilder } from '../onnx-builder'
import { calibrateRanges, percentileRange, roundUp } from './calibrate'
import { quantizationPoints } from './qdq-pass'
import { tinyConvModel } from './tiny-conv-model'

describe('calibrateRanges', () => {
  const batch = {
    data: Float32Array.from({ length: 2 * 3 * 36 }, (_, i) => ((i * 37) % 101) / 100),
    dims: [2, 3, 6, 6] as const
  }

  it('measures the range of each named activation, rounded outward', async () => {
    const b = new OnnxBuilder()
    b.input({ name: 'input', dtype: 'float32', shape: [2, 3, 6, 6] })
    const doubled = b.op('Mul', ['input', b.constant(tensor('float32', [], [-2]))])
    b.node('Relu', [doubled], {}, { outputs: ['output'] })
    b.output({ name: 'output', dtype: 'float32', shape: [2, 3, 6, 6] })
    const model = b.build({ opset: 17, producer: 'test' })
    const ranges = await calibrateRanges(model, [doubled], [batch], { percentile: 1 })
    expect(ranges[doubled]).toEqual([-2, 0])
  })

  it('gives the same ranges run after run', async () => {
    const model = tinyConvModel()
    const points = quantizationPoints(model)
    const one = { data: batch.data.subarray(0, 3 * 36), dims: [1, 3, 6, 6] as const }
    const first = await calibrateRanges(model, points, [one], { percentile: 1 })
    const second = await calibrateRanges(model, points, [one], { percentile: 1 })
    expect(second).toEqual(first)
    expect(Object.keys(first)).toEqual(points)
    expect(first[points[1] ?? '']?.[1]).toBeGreaterThan(0)
  })
})

describe('percentileRange', () => {
  it('drops the rarest values from each tail', () => {
    const values = Float32Array.from({ length: 1001 }, (_, i) => i - 500)
    expect(percentileRange([values], 1)).toEqual([-500, 500])
    expect(percentileRange([values.subarray(0, 500), values.subarray(500)], 0.99)).toEqual([
      -490, 490
    ])
  })
})

describe('roundUp', () => {
  it('rounds to 1/64 of the power of two, so last-bit differences vanish', () => {
    expect(roundUp(1)).toBe(1)
    expect(roundUp(1.0000001)).toBe(1 + 1 / 64)
    expect(roundUp(333.84)).toBe(336)
    expect(roundUp(0)).toBe(0)
  })
})
