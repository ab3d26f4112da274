import { onnx } from 'onnx-proto'
import { floatValues } from '../onnx-passes/graph-index'
import { toFloat16Array } from './float16'

const { DataType } = onnx.TensorProto

/**
 * Ops whose float16 kernels are safe for our image models: convolutions accumulate in fp32 on
 * every GPU execution provider, and the element-wise ops stay far from fp16's ±65504 (ESRGAN's
 * largest activation on real photos is about 1,400 in its 0..255 scale). Ops that accumulate
 * across a tensor (LayerNorm, Softmax, reductions) or that can overflow (Exp, Pow) are not here:
 * the pass refuses a model that has them rather than guess.
 */
const FP16_SAFE = new Set([
  'Conv',
  'Relu',
  'Add',
  'Mul',
  'Concat',
  'DepthToSpace',
  'Resize',
  'Transpose',
  'Sigmoid',
  'Tanh'
])

/** Inputs that must stay float32 whatever the compute type (Resize's roi and scales). */
const FLOAT32_INPUTS: Readonly<Record<string, readonly number[]>> = { Resize: [1, 2] }

/**
 * Rewrites a float32 model to compute in float16: float32 initializers become float16, and a
 * Cast at the input and at the output keep the model's interface float32, so the engine feeds
 * and reads it exactly like the float32 model.
 *
 * @throws Error naming the first op that is not known to be safe in float16
 */
export function toFloat16Model(model: Uint8Array): Uint8Array {
  const proto = onnx.ModelProto.decode(model)
  const graph = proto.graph ?? {}
  const keep = new Set<string>()
  for (const node of graph.node ?? []) {
    if (!FP16_SAFE.has(node.opType ?? '')) {
      throw new Error(`${node.opType ?? '?'} (${node.name ?? ''}) is not known to be safe in fp16`)
    }
    for (const i of FLOAT32_INPUTS[node.opType ?? ''] ?? []) keep.add(node.input?.[i] ?? '')
  }
  for (const t of graph.initializer ?? []) {
    const values = floatValues(t)
    if (!values || keep.has(t.name ?? '')) continue
    const half = toFloat16Array(values)
    t.dataType = DataType.FLOAT16
    t.rawData = new Uint8Array(half.buffer, half.byteOffset, half.byteLength)
  }

  const cast = (input: string, output: string, to: number): onnx.INodeProto => ({
    opType: 'Cast',
    name: `${output}__Cast`,
    input: [input],
    output: [output],
    attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: to }]
  })
  const head: onnx.INodeProto[] = []
  for (const input of graph.input ?? []) {
    const name = input.name ?? ''
    const half = `${name}__fp16`
    for (const node of graph.node ?? []) {
      node.input = (node.input ?? []).map((i) => (i === name ? half : i))
    }
    head.push(cast(name, half, DataType.FLOAT16))
  }
  const tail: onnx.INodeProto[] = []
  for (const output of graph.output ?? []) {
    const name = output.name ?? ''
    const half = `${name}__fp16`
    for (const node of graph.node ?? []) {
      node.output = (node.output ?? []).map((o) => (o === name ? half : o))
    }
    tail.push(cast(half, name, DataType.FLOAT))
  }
  graph.node = [...head, ...(graph.node ?? []), ...tail]
  return onnx.ModelProto.encode(proto).finish()
}
