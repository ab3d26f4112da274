import { onnx } from 'onnx-proto'
import type { MutableGraph } from '../onnx-builder'
import type { GraphIndex } from './graph-index'
import { floatValues, indexGraph, replaceNodes, replaceUses } from './graph-index'

/** Static shapes of the graph's values, by ONNX name, as the conversion knew them. */
export type ValueShapes = ReadonlyMap<string, readonly (number | null)[]>

/**
 * Computes channel slices of a dense layer's output directly instead of slicing it.
 *
 * MAXIM's gated MLP blocks run a dense layer to 2C channels, GELU, and split the result into two
 * halves along the channel axis:
 *   MatMul(x, W[K×2C]) → Add(bias) → GELU → Slice[0:C], Slice[C:2C]
 * onnxruntime carries out the slices as a Split, a full copy of the activations. Each half
 * depends only on its own columns of W and its own bias entries, so each slice becomes
 *   MatMul(x, W[:, s:e]) → Add(bias[s:e]) → GELU,
 * with the same FLOPs and no copy. Every output value is the same dot product over K as before;
 * only the order in which the matrix kernel sums it may differ (rounding only, which the parity
 * tests bound).
 *
 * Applies when the MatMul's weight is a constant matrix, every node between it and the sliced
 * value is element-wise with constant operands that are scalars or per-channel vectors, nothing
 * else reads those intermediates, and every reader of the sliced value is a unit-step Slice on
 * its last axis (known from the conversion's shapes).
 */
export function sliceChannelsAtTheProduct(
  graph: MutableGraph,
  graphOutputs: ReadonlySet<string>,
  shapes: ValueShapes
): number {
  const idx = indexGraph(graph)
  const drop = new Set<onnx.INodeProto>()
  const added: onnx.INodeProto[] = []
  let rewritten = 0
  const position = new Map(graph.nodes.map((n, i) => [n, i]))
  // A constant several regions read (a shared weight or bias) is sliced once per range.
  const slicedConstants = new Set<string>()
  const sliceOf = (name: string, dims: number[], values: () => Float32Array): string => {
    if (!slicedConstants.has(name)) addInitializer(graph, name, dims, values())
    slicedConstants.add(name)
    return name
  }
  const sliced = new Set<string>()
  for (const node of graph.nodes) {
    if (node.opType === 'Slice') sliced.add(node.input?.[0] ?? '')
  }
  for (const value of sliced) {
    if (graphOutputs.has(value)) continue
    const slices = lastAxisSlices(idx, value, shapes)
    const region = slices && elementwiseRegion(idx, value, graphOutputs, slices.nodes, position)
    if (!slices || !region || [...region.nodes, region.matmul].some((n) => drop.has(n))) continue
    const { matmul, weight, nodes } = region
    const [depth = 0, width = 0] = (weight.dims ?? []).map(Number)
    if (slices.ranges.some(([, end]) => end > width)) continue
    for (const [i, [start, end]] of slices.ranges.entries()) {
      const suffix = `__ch${start}_${end}`
      const rename = new Map<string, string>()
      const cloneInput = (name: string): string => {
        const constant = idx.initializer.get(name)
        if (!constant) return rename.get(name) ?? name
        const values = floatValues(constant)
        if (!values || values.length === 1) return name
        // Same rank as before: a 1-D bias would let onnxruntime turn MatMul + Add into Gemm,
        // which measured slower here (README, Models).
        const dims = [...(constant.dims ?? []).slice(0, -1).map(Number), end - start]
        return sliceOf(`${name}${suffix}`, dims, () => values.slice(start, end))
      }
      const w = floatValues(weight) ?? new Float32Array()
      const columns = sliceOf(`${weight.name ?? 'w'}${suffix}`, [depth, end - start], () =>
        sliceColumns(w, depth, width, start, end)
      )
      const product = `${matmul.output?.[0] ?? ''}${suffix}`
      rename.set(matmul.output?.[0] ?? '', product)
      added.push({
        ...matmul,
        name: product,
        input: [matmul.input?.[0] ?? '', columns],
        output: [product]
      })
      for (const original of nodes) {
        const outputs = (original.output ?? []).map((o) => `${o}${suffix}`)
        added.push({
          ...original,
          name: `${original.name ?? ''}${suffix}`,
          input: (original.input ?? []).map(cloneInput),
          output: outputs
        })
        for (const [k, o] of (original.output ?? []).entries()) rename.set(o, outputs[k] ?? o)
      }
      const slice = slices.nodes[i]
      if (slice) replaceUses(graph, slice.output?.[0] ?? '', rename.get(value) ?? value)
    }
    for (const n of [matmul, ...nodes, ...slices.nodes]) drop.add(n)
    rewritten += 1
  }
  if (rewritten > 0) replaceNodes(graph, drop, added)
  return rewritten
}

const elementwise = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Tanh', 'Erf', 'Sigmoid', 'Relu'])

/** The readers of `value` when all are unit-step Slices of its last axis, with their ranges. */
function lastAxisSlices(
  idx: GraphIndex,
  value: string,
  shapes: ValueShapes
): { nodes: onnx.INodeProto[]; ranges: [number, number][] } | null {
  const shape = shapes.get(value)
  const width = shape?.at(-1)
  if (!shape || width === null || width === undefined) return null
  const readers = idx.consumers.get(value) ?? []
  const ranges: [number, number][] = []
  for (const reader of readers) {
    if (reader.opType !== 'Slice' || reader.input?.[0] !== value) return null
    const [starts, ends, axes, steps] = (reader.input ?? [])
      .slice(1)
      .map((name) => int64Values(idx.initializer.get(name)))
    if (!starts || !ends || !axes || starts.length !== 1 || axes.length !== 1) return null
    if (steps && (steps.length !== 1 || steps[0] !== 1)) return null
    const axis = axes[0] ?? 0
    if (axis !== -1 && axis !== shape.length - 1) return null
    const start = clampIndex(starts[0] ?? 0, width)
    const end = clampIndex(ends[0] ?? 0, width)
    if (end <= start) return null
    ranges.push([start, end])
  }
  return readers.length > 0 ? { nodes: [...readers], ranges } : null
}

/**
 * The element-wise nodes computing `value` from one MatMul with a constant 2-D weight, when
 * nothing outside them (but `readers`) reads what they compute.
 */
function elementwiseRegion(
  idx: GraphIndex,
  value: string,
  graphOutputs: ReadonlySet<string>,
  readers: readonly onnx.INodeProto[],
  position: ReadonlyMap<onnx.INodeProto, number>
): { matmul: onnx.INodeProto; weight: onnx.ITensorProto; nodes: onnx.INodeProto[] } | null {
  const members = new Set<onnx.INodeProto>()
  const constants: onnx.ITensorProto[] = []
  let matmul: onnx.INodeProto | null = null
  const pending = [value]
  while (pending.length > 0) {
    const name = pending.pop() ?? ''
    const producer = idx.producer.get(name)
    // A graph input inside the region: it would not be sliced along with the rest.
    if (!producer) return null
    if (members.has(producer) || producer === matmul) continue
    if (producer.opType === 'MatMul') {
      if (matmul && matmul !== producer) return null
      matmul = producer
      continue
    }
    if (!elementwise.has(producer.opType ?? '')) return null
    members.add(producer)
    for (const input of producer.input ?? []) {
      const constant = idx.initializer.get(input)
      if (!constant) pending.push(input)
      else constants.push(constant)
    }
  }
  const weight = idx.initializer.get(matmul?.input?.[1] ?? '')
  if (!matmul || weight?.dims?.length !== 2 || !floatValues(weight)) return null
  if (idx.initializer.has(matmul.input?.[0] ?? '')) return null
  const width = Number(weight.dims[1])
  if (!constants.every((c) => isChannelConstant(c, width))) return null
  const inside = new Set<onnx.INodeProto>([...members, ...readers])
  for (const node of [matmul, ...members]) {
    for (const out of node.output ?? []) {
      if (graphOutputs.has(out)) return null
      if ((idx.consumers.get(out) ?? []).some((c) => !inside.has(c))) return null
    }
  }
  const nodes = [...members].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))
  return { matmul, weight, nodes }
}

/** A float constant that is a scalar or one value per channel (`width` along its last axis). */
function isChannelConstant(t: onnx.ITensorProto, width: number): boolean {
  const dims = (t.dims ?? []).map(Number)
  const size = dims.reduce((a, b) => a * b, 1)
  if (t.dataType !== onnx.TensorProto.DataType.FLOAT) return false
  return size === 1 || (dims.at(-1) === width && size === width)
}

function int64Values(t: onnx.ITensorProto | undefined): number[] | null {
  const raw = t?.rawData
  if (!raw || t.dataType !== onnx.TensorProto.DataType.INT64) return null
  const view = new BigInt64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
  return Array.from(view, Number)
}

/** ONNX Slice's clamping of a start or end on an axis of size `size` (positive step). */
function clampIndex(index: number, size: number): number {
  const resolved = index < 0 ? index + size : index
  return Math.max(0, Math.min(size, resolved))
}

function sliceColumns(
  w: Float32Array,
  rows: number,
  cols: number,
  start: number,
  end: number
): Float32Array {
  const out = new Float32Array(rows * (end - start))
  for (let r = 0; r < rows; r++)
    out.set(w.subarray(r * cols + start, r * cols + end), r * (end - start))
  return out
}

function addInitializer(
  graph: MutableGraph,
  name: string,
  dims: number[],
  values: Float32Array
): string {
  graph.initializers.push({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  })
  return name
}
