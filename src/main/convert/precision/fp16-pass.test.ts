import { onnx } from 'onnx-proto'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { OnnxBuilder } from '../onnx-builder'
import { toFloat16Model } from './fp16-pass'
import { tinyConvModel } from './tiny-conv-model'

async function run(bytes: Uint8Array, input: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes)
  const out = await session.run({ input: new ort.Tensor('float32', input, [1, 3, 8, 8]) })
  await session.release()
  return out.output?.data as Float32Array
}

describe('toFloat16Model', () => {
  const model = tinyConvModel()
  const half = toFloat16Model(model)
  const graph = onnx.ModelProto.decode(half).graph ?? {}

  it('stores the weights as float16 behind a float32 interface', () => {
    const { FLOAT16 } = onnx.TensorProto.DataType
    expect(graph.initializer?.every((t) => t.dataType === FLOAT16)).toBe(true)
    expect(graph.node?.[0]?.opType).toBe('Cast')
    expect(graph.node?.at(-1)?.opType).toBe('Cast')
    expect(graph.node?.at(-1)?.output).toEqual(['output'])
    expect(graph.input?.[0]?.type?.tensorType?.elemType).toBe(1)
  })

  it('computes what the float32 model computes, to fp16 precision', async () => {
    const input = Float32Array.from({ length: 3 * 64 }, (_, i) => (i % 13) / 12)
    const [expected, actual] = [await run(model, input), await run(half, input)]
    const worst = expected.reduce((m, v, i) => Math.max(m, Math.abs(v - (actual[i] ?? 0))), 0)
    expect(worst).toBeLessThan(5e-3)
  })

  it('refuses an op it does not know to be safe in fp16', () => {
    const b = new OnnxBuilder()
    b.input({ name: 'input', dtype: 'float32', shape: [1] })
    b.node('Exp', ['input'], {}, { outputs: ['output'] })
    b.output({ name: 'output', dtype: 'float32', shape: [1] })
    expect(() => toFloat16Model(b.build({ opset: 17, producer: 'test' }))).toThrow(
      'Exp (Exp__1) is not known to be safe in fp16'
    )
  })
})
