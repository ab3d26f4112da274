import { onnx } from 'onnx-proto'
import { tensor } from '../host-tensor'
import { OnnxBuilder } from '../onnx-builder'

/**
 * A two-conv NCHW test model: Conv(3→4)+Relu → Conv(4→2) + a residual read of the first
 * conv's result, with fixed pseudo-random weights. Small enough to check passes exactly.
 */
export function tinyConvModel(): Uint8Array {
  const b = new OnnxBuilder()
  let seed = 7
  const random = (n: number): number[] =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31 - 0.5
    })
  const x = b.input({ name: 'input', dtype: 'float32', shape: [1, 3, 'h', 'w'] })
  const conv = { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }
  const w1 = b.constant(tensor('float32', [4, 3, 3, 3], random(108)), 'w1')
  const b1 = b.constant(tensor('float32', [4], random(4)), 'b1')
  const h = b.op('Relu', [b.op('Conv', [x, w1, b1], conv)])
  const w2 = b.constant(tensor('float32', [2, 4, 3, 3], random(72)), 'w2')
  const y = b.op('Conv', [h, w2], conv)
  const skip = b.op('Mul', [h, b.constant(tensor('float32', [], [0.5]))])
  const w3 = b.constant(tensor('float32', [2, 4, 1, 1], random(8)), 'w3')
  b.node('Add', [y, b.op('Conv', [skip, w3])], {}, { outputs: ['output'] })
  b.output({ name: 'output', dtype: 'float32', shape: [1, 2, 'h', 'w'] })
  return b.build({ opset: 17, producer: 'test' })
}

/**
 * A QDQ copy of a model with the first int8 weight's output channel 0 set to `codes(i)`: how the
 * saturation tests make a layer that does (or just does not) pass the 16-bit pair range.
 */
export function withFirstChannelCodes(qdq: Uint8Array, codes: (i: number) => number): Uint8Array {
  const proto = onnx.ModelProto.decode(qdq)
  const weight = proto.graph?.initializer?.find((t) => t.name?.endsWith('_w_q'))
  const raw = weight?.rawData
  if (!weight || !raw) throw new Error('Expected an int8 weight in the QDQ model')
  const values = new Int8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
  const per = values.length / Number(weight.dims?.[0] ?? 1)
  for (let i = 0; i < per; i++) values[i] = codes(i)
  weight.rawData = new Uint8Array(values.buffer)
  return onnx.ModelProto.encode(proto).finish()
}
