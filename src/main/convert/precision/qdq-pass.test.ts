import { onnx } from 'onnx-proto'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { quantizationPoints, quantizeModel } from './qdq-pass'
import { tinyConvModel } from './tiny-conv-model'

const model = tinyConvModel()
const [input = '', hidden = '', skip = ''] = quantizationPoints(model)
const ranges = { [input]: [0, 1], [hidden]: [0, 2], [skip]: [0, 1] } as const

const ops = (bytes: Uint8Array): string[] =>
  (onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType ?? '')

async function run(bytes: Uint8Array, input: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' })
  const out = await session.run({ input: new ort.Tensor('float32', input, [1, 3, 8, 8]) })
  await session.release()
  return out.output?.data as Float32Array
}

describe('quantizationPoints', () => {
  it('lists conv inputs and the results that reach another conv, never the output', () => {
    expect(quantizationPoints(model)).toHaveLength(3)
    expect([input, hidden, skip]).toEqual([
      'input',
      expect.stringMatching(/^relu__/),
      expect.stringMatching(/^mul__/)
    ])
  })
})

describe('quantizeModel', () => {
  const qdq = quantizeModel(model, ranges)
  const graph = onnx.ModelProto.decode(qdq).graph ?? {}

  it('puts a Q/DQ pair on each point and a per-channel DQ on each weight and bias', () => {
    const count = (op: string): number => ops(qdq).filter((o) => o === op).length
    expect(count('QuantizeLinear')).toBe(3)
    // 3 activations + 3 weights + 1 bias (only the first conv has one).
    expect(count('DequantizeLinear')).toBe(7)
    const w1 = graph.initializer?.find((t) => t.name?.endsWith('_w_q') && Number(t.dims?.[0]) === 4)
    expect(w1?.dataType).toBe(onnx.TensorProto.DataType.INT8)
    const scales = (graph.initializer ?? []).filter((t) => t.name?.endsWith('_w_scale'))
    expect(scales.map((t) => t.dims?.map(Number))).toEqual([[4], [2], [2]])
    // Nothing reads the original float weights any more.
    expect(graph.initializer?.some((t) => t.dataType === 1 && (t.dims?.length ?? 0) === 4)).toBe(
      false
    )
  })

  it('keeps the node list topologically sorted', () => {
    const known = new Set([
      ...(graph.input ?? []).map((i) => i.name ?? ''),
      ...(graph.initializer ?? []).map((t) => t.name ?? '')
    ])
    for (const node of graph.node ?? []) {
      for (const input of node.input ?? []) if (input) expect(known, input).toContain(input)
      for (const output of node.output ?? []) known.add(output)
    }
  })

  it('computes what the float model computes, to within the quantization steps', async () => {
    const input = Float32Array.from({ length: 3 * 64 }, (_, i) => (i % 17) / 16)
    const [expected, actual] = [await run(model, input), await run(qdq, input)]
    const worst = expected.reduce((m, v, i) => Math.max(m, Math.abs(v - (actual[i] ?? 0))), 0)
    expect(worst).toBeGreaterThan(0)
    expect(worst).toBeLessThan(0.05)
  })

  it('leaves a point without a range in float32, with int8 weights only', () => {
    const partial = quantizeModel(model, { [hidden]: [0, 2], [skip]: [0, 1] })
    expect(ops(partial).filter((o) => o === 'QuantizeLinear')).toHaveLength(2)
    const first = onnx.ModelProto.decode(partial).graph?.node?.find((n) => n.opType === 'Conv')
    expect(first?.input?.[0]).toBe('input')
    expect(first?.input?.[2]).toMatch(/^b1/)
  })
})
