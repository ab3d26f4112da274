import { onnx } from 'onnx-proto'
import { permuteTensor } from '../graph/ops/conv'
import { rawBytes, tensor } from '../host-tensor'
import type { MutableGraph } from '../onnx-builder'
import {
  compose,
  dropUnusedInitializers,
  floatValues,
  indexGraph,
  isIdentity,
  permOf,
  removeNodes,
  replaceUses,
  soleConsumer
} from './graph-index'

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

function sinkThroughElementwise(graph: MutableGraph, outputs: ReadonlySet<string>): number {
  const idx = indexGraph(graph)
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
  const idx = indexGraph(graph)
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

/** A float constant broadcast to rank 4 and permuted by `perm`; null if its rank is above 4. */
function permuteConstant(
  t: onnx.ITensorProto,
  perm: readonly number[],
  name: string
): onnx.ITensorProto | null {
  const dims = (t.dims ?? []).map(Number)
  const values = floatValues(t)
  if (dims.length > 4 || !values) return null
  const rank4 = [...new Array<number>(4 - dims.length).fill(1), ...dims]
  const permuted = permuteTensor(tensor('float32', rank4, values), perm)
  return {
    name,
    dims: [...permuted.shape],
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: rawBytes(permuted)
  }
}
