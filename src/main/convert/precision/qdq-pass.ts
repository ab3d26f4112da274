import { onnx } from 'onnx-proto'
import { floatValues } from '../onnx-passes/graph-index'
import type { ActivationQuantization } from './quantize-weights'
import { activationQuantization, quantizeBias, quantizePerChannel } from './quantize-weights'

/** Calibrated [min, max] of each activation the QDQ model quantizes, by tensor name. */
export type ActivationRanges = Readonly<Record<string, readonly [number, number]>>

const { DataType } = onnx.TensorProto

/** A Conv whose weights (and bias) are float32 constants: the ops this pass quantizes. */
interface QuantizableConv {
  readonly node: onnx.INodeProto
  readonly weight: onnx.ITensorProto
  readonly bias: onnx.ITensorProto | null
  /** The activation that carries the conv's result onward: its ReLU's output when it has one. */
  readonly result: string
}

function quantizableConvs(graph: onnx.IGraphProto): QuantizableConv[] {
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]))
  const consumers = new Map<string, onnx.INodeProto[]>()
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? [])
      consumers.set(input, [...(consumers.get(input) ?? []), node])
  }
  const outputs = new Set((graph.output ?? []).map((o) => o.name ?? ''))
  const convs: QuantizableConv[] = []
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Conv') continue
    const [, w = '', b = ''] = node.input ?? []
    const weight = initializers.get(w)
    const bias = b ? initializers.get(b) : undefined
    if (!weight || !floatValues(weight) || (b && (!bias || !floatValues(bias)))) continue
    const out = node.output?.[0] ?? ''
    const readers = consumers.get(out) ?? []
    const relu = readers.length === 1 && !outputs.has(out) ? readers[0] : undefined
    const result = relu?.opType === 'Relu' ? (relu.output?.[0] ?? out) : out
    convs.push({ node, weight, bias: bias ?? null, result })
  }
  return convs
}

/**
 * The activations calibration must measure, in graph order: every quantized Conv's input and
 * its result. A graph output is never quantized (the model's interface stays float32).
 */
export function quantizationPoints(model: Uint8Array): string[] {
  const graph = onnx.ModelProto.decode(model).graph ?? {}
  const outputs = new Set((graph.output ?? []).map((o) => o.name ?? ''))
  const convs = quantizableConvs(graph)
  const feedsConv = feedsAny(graph, new Set(convs.map((c) => c.node)))
  const points = new Set<string>()
  for (const conv of convs) {
    points.add(conv.node.input?.[0] ?? '')
    // The last convs' results go straight to the output image: 8 bits there would cap quality
    // at the output's own quantization noise, so they stay float (and those convs float too).
    if (feedsConv(conv.result)) points.add(conv.result)
  }
  return [...points].filter((p) => p && !outputs.has(p))
}

/** Whether a value reaches one of `targets` downstream (memoised walk over consumers). */
function feedsAny(
  graph: onnx.IGraphProto,
  targets: ReadonlySet<onnx.INodeProto>
): (value: string) => boolean {
  const consumers = new Map<string, onnx.INodeProto[]>()
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? [])
      consumers.set(input, [...(consumers.get(input) ?? []), node])
  }
  const memo = new Map<string, boolean>()
  const feeds = (value: string): boolean => {
    const known = memo.get(value)
    if (known !== undefined) return known
    memo.set(value, false)
    const result = (consumers.get(value) ?? []).some(
      (n) => targets.has(n) || (n.output ?? []).some(feeds)
    )
    memo.set(value, result)
    return result
  }
  return feeds
}

/**
 * Rewrites a float32 model into QDQ form (post-training static quantization):
 * - each Conv's weights become int8 per output channel + DequantizeLinear, its bias int32 at
 *   input scale × weight scale + DequantizeLinear;
 * - each quantization point (Conv inputs and results) gets a uint8 QuantizeLinear →
 *   DequantizeLinear pair from its calibrated range, read by all of its consumers.
 * onnxruntime's graph optimizer (level 'extended' or above) turns each DQ→Conv(→Relu)→Q group
 * into one QLinearConv running integer kernels; everything else stays float32.
 *
 * A point left out of `ranges` stays float32 (mixed precision for sensitive activations); a
 * Conv whose input stays float keeps its int8 weights but cannot fuse. Weight codes are
 * pair-bounded so no x86 kernel saturates (quantize-weights.ts); `pairBounded: false` gives the
 * plain 8-bit layout, for measurements and the emulation test's control only.
 */
export function quantizeModel(
  model: Uint8Array,
  ranges: ActivationRanges,
  { pairBounded = true }: { readonly pairBounded?: boolean } = {}
): Uint8Array {
  const proto = onnx.ModelProto.decode(model)
  const graph = proto.graph ?? {}
  const convs = quantizableConvs(graph)
  const points = quantizationPoints(model)
  const params = new Map<string, ActivationQuantization>()
  for (const point of points) {
    const range = ranges[point]
    if (range) params.set(point, activationQuantization(range[0], range[1]))
  }

  const initializers: onnx.ITensorProto[] = []
  const constant = (
    name: string,
    dataType: number,
    dims: number[],
    data: ArrayBufferView
  ): string => {
    initializers.push({
      name,
      dataType,
      dims,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    })
    return name
  }
  const dequantized = (point: string): string => `${point}__dq`

  // Weights and biases: int8/int32 constants behind a per-channel DequantizeLinear.
  const weightNodes = new Map<onnx.INodeProto, onnx.INodeProto[]>()
  for (const { node, weight, bias } of convs) {
    const channels = Number(weight.dims?.[0] ?? 0)
    const name = node.name ?? weight.name ?? 'conv'
    const q = quantizePerChannel(floatValues(weight) ?? new Float32Array(), channels, pairBounded)
    const dims = (weight.dims ?? []).map(Number)
    const nodes: onnx.INodeProto[] = [
      dequantize(
        [
          constant(`${name}_w_q`, DataType.INT8, dims, q.values),
          constant(`${name}_w_scale`, DataType.FLOAT, [channels], q.scales),
          constant(`${name}_w_zp`, DataType.INT8, [channels], new Int8Array(channels))
        ],
        `${name}_w_dq`,
        0
      )
    ]
    const inputs = [...(node.input ?? [])]
    inputs[1] = `${name}_w_dq`
    const input = params.get(inputs[0] ?? '')
    // A conv whose input stays float keeps a float bias: only its weights are stored as int8.
    if (bias && input) {
      const qb = quantizeBias(floatValues(bias) ?? new Float32Array(), input.scale, q.scales)
      nodes.push(
        dequantize(
          [
            constant(`${name}_b_q`, DataType.INT32, [channels], qb.values),
            constant(`${name}_b_scale`, DataType.FLOAT, [channels], qb.scales),
            constant(`${name}_b_zp`, DataType.INT32, [channels], new Int32Array(channels))
          ],
          `${name}_b_dq`,
          0
        )
      )
      inputs[2] = `${name}_b_dq`
    }
    node.input = inputs
    weightNodes.set(node, nodes)
  }

  // Activations: every reader of a point reads its fake-quantized copy.
  const pointSet = new Set(points.filter((p) => params.has(p)))
  for (const node of graph.node ?? []) {
    node.input = (node.input ?? []).map((i) => (pointSet.has(i) ? dequantized(i) : i))
  }
  const qdq = (point: string): onnx.INodeProto[] => {
    const p = params.get(point) ?? { scale: 1, zeroPoint: 0 }
    const scale = constant(`${point}__scale`, DataType.FLOAT, [], new Float32Array([p.scale]))
    const zp = constant(`${point}__zp`, DataType.UINT8, [], new Uint8Array([p.zeroPoint]))
    return [
      {
        opType: 'QuantizeLinear',
        name: `${point}__Q`,
        input: [point, scale, zp],
        output: [`${point}__q`]
      },
      dequantize([`${point}__q`, scale, zp], dequantized(point))
    ]
  }

  // Keep topological order: a pair right after the value it quantizes.
  const nodes: onnx.INodeProto[] = []
  for (const input of graph.input ?? [])
    if (pointSet.has(input.name ?? '')) nodes.push(...qdq(input.name ?? ''))
  for (const node of graph.node ?? []) {
    nodes.push(...(weightNodes.get(node) ?? []), node)
    for (const out of node.output ?? []) if (pointSet.has(out)) nodes.push(...qdq(out))
  }
  const used = new Set(nodes.flatMap((n) => n.input ?? []))
  graph.node = nodes
  graph.initializer = [...(graph.initializer ?? []), ...initializers].filter((t) =>
    used.has(t.name ?? '')
  )
  return onnx.ModelProto.encode(proto).finish()
}

/** A DequantizeLinear node; `axis` for per-channel scales. */
function dequantize(inputs: string[], output: string, axis?: number): onnx.INodeProto {
  return {
    opType: 'DequantizeLinear',
    name: `${output}__DQ`,
    input: inputs,
    output: [output],
    attribute:
      axis === undefined
        ? []
        : [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis }]
  }
}
