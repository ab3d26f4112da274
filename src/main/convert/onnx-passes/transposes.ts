import { onnx } from 'onnx-proto'
import { permuteTensor } from '../graph/ops/conv'
import { rawBytes, tensor } from '../host-tensor'
import type { MutableGraph } from '../onnx-builder'

/**
 * Removes the layout changes the TF → ONNX conversion introduces around each convolution.
 * TF convolves NHWC and adds the bias after the conv; ONNX convolves NCHW, so every Conv2D
 * became Transpose → Conv → Transpose and consecutive convolutions read
 *   Conv → T(NCHW→NHWC) → Add(bias) → T(NHWC→NCHW) → Conv.
 * Two rewrites, repeated until nothing changes:
 * - sink: T(p) → Op(x, constant) → T(q) with q∘p = identity becomes Op(x, constant permuted),
 *   for element-wise Op (the constant is broadcast to rank 4 and permuted by q);
 * - merge: T(p) → T(q) becomes one Transpose (or nothing when they cancel).
 * Both apply only where the intermediate values have a single consumer and are not graph
 * outputs, so nothing else observes the layouts that disappear.
 */
const elementwise = new Set(['Add', 'Sub', 'Mul', 'Div'])

export function removeTransposePairs(
  graph: MutableGraph,
  graphOutputs: ReadonlySet<string>
): number {
  let removed = 0
  for (;;) {
    const changed = sinkThroughElementwise(graph, graphOutputs) + mergeAdjacent(graph, graphOutputs)
    if (changed === 0) break
    removed += changed
  }
  if (removed > 0) dropUnusedInitializers(graph)
  return removed
}

/** Constants replaced by their permuted copies are no longer read by any node. */
function dropUnusedInitializers(graph: MutableGraph): void {
  const used = new Set(graph.nodes.flatMap((n) => n.input ?? []))
  const kept = graph.initializers.filter((t) => used.has(t.name ?? ''))
  graph.initializers.length = 0
  graph.initializers.push(...kept)
}

interface Index {
  readonly producer: Map<string, onnx.INodeProto>
  readonly consumers: Map<string, onnx.INodeProto[]>
  readonly initializer: Map<string, onnx.ITensorProto>
}

function index(graph: MutableGraph): Index {
  const producer = new Map<string, onnx.INodeProto>()
  const consumers = new Map<string, onnx.INodeProto[]>()
  for (const node of graph.nodes) {
    for (const out of node.output ?? []) producer.set(out, node)
    for (const input of node.input ?? []) {
      const list = consumers.get(input) ?? []
      list.push(node)
      consumers.set(input, list)
    }
  }
  return {
    producer,
    consumers,
    initializer: new Map(graph.initializers.map((t) => [t.name ?? '', t]))
  }
}

const permOf = (node: onnx.INodeProto): number[] =>
  (node.attribute ?? []).find((a) => a.name === 'perm')?.ints?.map(Number) ?? []

const isIdentity = (perm: readonly number[]): boolean => perm.every((v, i) => v === i)

/** The permutation of applying `first` then `second`. */
const compose = (first: readonly number[], second: readonly number[]): number[] =>
  second.map((i) => first[i] ?? i)

function soleConsumer(
  idx: Index,
  value: string,
  outputs: ReadonlySet<string>
): onnx.INodeProto | null {
  const list = idx.consumers.get(value) ?? []
  return list.length === 1 && !outputs.has(value) ? (list[0] ?? null) : null
}

/** Rewires every consumer of `from` to read `to`. */
function replaceUses(graph: MutableGraph, from: string, to: string): void {
  for (const node of graph.nodes) {
    node.input = (node.input ?? []).map((i) => (i === from ? to : i))
  }
}

function sinkThroughElementwise(graph: MutableGraph, outputs: ReadonlySet<string>): number {
  const idx = index(graph)
  const drop = new Set<onnx.INodeProto>()
  let changed = 0
  for (const first of graph.nodes) {
    if (first.opType !== 'Transpose' || drop.has(first)) continue
    const p = permOf(first)
    const mid = soleConsumer(idx, first.output?.[0] ?? '', outputs)
    if (!mid || !elementwise.has(mid.opType ?? '') || drop.has(mid)) continue
    const second = soleConsumer(idx, mid.output?.[0] ?? '', outputs)
    if (second?.opType !== 'Transpose' || drop.has(second)) continue
    const q = permOf(second)
    if (p.length !== 4 || !isIdentity(compose(p, q))) continue
    const constIndex = (mid.input ?? []).findIndex((i) => i !== first.output?.[0])
    const constant = idx.initializer.get(mid.input?.[constIndex] ?? '')
    if (constIndex < 0 || constant?.dataType !== onnx.TensorProto.DataType.FLOAT) continue
    const permuted = permuteConstant(
      constant,
      q,
      `${constant.name ?? 'c'}__perm${q.join('')}_${graph.initializers.length}`
    )
    if (!permuted) continue
    graph.initializers.push(permuted)
    mid.input = (mid.input ?? []).map((name, i) =>
      i === constIndex
        ? (permuted.name ?? '')
        : name === first.output?.[0]
          ? (first.input?.[0] ?? '')
          : name
    )
    replaceUses(graph, second.output?.[0] ?? '', mid.output?.[0] ?? '')
    drop.add(first).add(second)
    changed += 2
  }
  if (changed) removeNodes(graph, drop)
  return changed
}

function mergeAdjacent(graph: MutableGraph, outputs: ReadonlySet<string>): number {
  const idx = index(graph)
  const drop = new Set<onnx.INodeProto>()
  let changed = 0
  for (const second of graph.nodes) {
    if (second.opType !== 'Transpose' || drop.has(second)) continue
    const first = idx.producer.get(second.input?.[0] ?? '')
    if (first?.opType !== 'Transpose' || drop.has(first)) continue
    if (soleConsumer(idx, first.output?.[0] ?? '', outputs) !== second) continue
    const perm = compose(permOf(first), permOf(second))
    if (isIdentity(perm)) {
      replaceUses(graph, second.output?.[0] ?? '', first.input?.[0] ?? '')
      if (outputs.has(second.output?.[0] ?? '')) continue
      drop.add(first).add(second)
      changed += 2
    } else {
      second.input = [first.input?.[0] ?? '']
      second.attribute = [
        { name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: perm }
      ]
      drop.add(first)
      changed += 1
    }
  }
  if (changed) removeNodes(graph, drop)
  return changed
}

function removeNodes(graph: MutableGraph, drop: ReadonlySet<onnx.INodeProto>): void {
  const kept = graph.nodes.filter((n) => !drop.has(n))
  graph.nodes.length = 0
  graph.nodes.push(...kept)
}

/** A float constant broadcast to rank 4 and permuted by `perm`; null if its rank is above 4. */
function permuteConstant(
  t: onnx.ITensorProto,
  perm: readonly number[],
  name: string
): onnx.ITensorProto | null {
  const dims = (t.dims ?? []).map(Number)
  if (dims.length > 4 || !t.rawData) return null
  const raw = t.rawData
  const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
  const rank4 = [...new Array<number>(4 - dims.length).fill(1), ...dims]
  const permuted = permuteTensor(tensor('float32', rank4, values), perm)
  return {
    name,
    dims: [...permuted.shape],
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: rawBytes(permuted)
  }
}
