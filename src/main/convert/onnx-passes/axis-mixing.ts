import type { onnx } from 'onnx-proto'
import type { HostTensor } from '../host-tensor'
import { rawBytes, tensor } from '../host-tensor'
import type { MutableGraph } from '../onnx-builder'
import { onnxElementType } from '../onnx-builder'
import {
  floatValues,
  indexGraph,
  permOf,
  replaceNodes,
  replaceUses,
  soleConsumer
} from './graph-index'

/**
 * Rewrites MAXIM's "mix along one spatial axis" without moving data.
 *
 * jax applies a dense layer along axis `a` of x (rank n) as swapaxes(a, -1) → Dense → swapaxes,
 * which the graph carries as
 *   T(p) → MatMul(·, W[D×K]) → Add(bias[K])? → T(p),   p = the swap of axes a and n-1.
 * The two transposes move the whole tensor twice, and for a < n-2 they are general permutations
 * that onnxruntime runs single-threaded at a fraction of memory bandwidth (they were a quarter of
 * a MAXIM tile's time). The same result is one matrix product from the left:
 *   y = Wᵀ[K×D] · x viewed as [x₀…x_{a-1}, D, rest] (+ bias as [K×1]),
 * which reads x in place: for a = n-2 the view is x itself (MatMul broadcasts Wᵀ over the
 * leading axes), otherwise a Reshape [0…0, D, -1] and back to x's shape (so W must be square).
 * Every output element is the same dot product over D as before; only the order in which
 * onnxruntime sums it may differ (rounding only, checked by the parity tests).
 * Applies only where the intermediate values have a single consumer and are not graph outputs.
 */
export function mixAlongAxisInPlace(
  graph: MutableGraph,
  graphOutputs: ReadonlySet<string>
): number {
  const idx = indexGraph(graph)
  const drop = new Set<onnx.INodeProto>()
  const added: onnx.INodeProto[] = []
  let rewritten = 0
  for (const first of graph.nodes) {
    if (first.opType !== 'Transpose') continue
    const perm = permOf(first)
    const axis = swappedWithLast(perm)
    if (axis === null) continue
    const x = first.input?.[0] ?? ''
    const swapped = first.output?.[0] ?? ''
    const matmul = soleConsumer(idx, swapped, graphOutputs)
    if (matmul?.opType !== 'MatMul' || matmul.input?.[0] !== swapped) continue
    const weight = idx.initializer.get(matmul.input[1] ?? '')
    const w = weight ? floatValues(weight) : null
    const [depth, width] = (weight?.dims ?? []).map(Number)
    if (!w || depth === undefined || width === undefined || weight?.dims?.length !== 2) continue
    if (axis < perm.length - 2 && depth !== width) continue
    let tail = soleConsumer(idx, matmul.output?.[0] ?? '', graphOutputs)
    let bias: Float32Array | null = null
    let add: onnx.INodeProto | null = null
    if (tail?.opType === 'Add') {
      bias = lastAxisConstant(idx.initializer, tail, matmul.output?.[0] ?? '', width)
      if (!bias) continue
      add = tail
      tail = soleConsumer(idx, tail.output?.[0] ?? '', graphOutputs)
    }
    if (tail?.opType !== 'Transpose' || permOf(tail).join() !== perm.join()) continue
    if ([first, matmul, tail, add].some((n) => n && drop.has(n))) continue

    const name = (suffix: string): string => `${swapped}__mix_${suffix}`
    graph.initializers.push(
      initializer(name('wT'), tensor('float32', [width, depth], transpose2d(w, depth, width)))
    )
    const nodes: onnx.INodeProto[] = []
    let view = x
    if (axis < perm.length - 2) {
      const viewShape = [...new Array<number>(axis).fill(0), depth, -1]
      graph.initializers.push(
        initializer(name('view_shape'), tensor('int64', [viewShape.length], viewShape))
      )
      nodes.push(op('Reshape', [x, name('view_shape')], name('view')))
      view = name('view')
    }
    nodes.push(op('MatMul', [name('wT'), view], name('mixed')))
    let result = name('mixed')
    if (bias) {
      graph.initializers.push(initializer(name('bias'), tensor('float32', [width, 1], bias)))
      nodes.push(op('Add', [result, name('bias')], name('biased')))
      result = name('biased')
    }
    if (axis < perm.length - 2) {
      nodes.push(op('Shape', [x], name('shape')))
      nodes.push(op('Reshape', [result, name('shape')], name('out')))
      result = name('out')
    }
    added.push(...nodes)
    replaceUses(graph, tail.output?.[0] ?? '', result)
    for (const n of [first, matmul, add, tail]) if (n) drop.add(n)
    rewritten += 1
  }
  if (rewritten > 0) replaceNodes(graph, drop, added)
  return rewritten
}

/** The axis a < n-1 that `perm` swaps with the last one (leaving the rest), or null. */
function swappedWithLast(perm: readonly number[]): number | null {
  const last = perm.length - 1
  if (perm.length < 3) return null
  const axis = perm[last] ?? last
  if (axis >= last || perm[axis] !== last) return null
  return perm.every((v, i) => i === axis || i === last || v === i) ? axis : null
}

/** The Add's constant operand when it only varies along the last axis (size `width`). */
function lastAxisConstant(
  initializers: ReadonlyMap<string, onnx.ITensorProto>,
  add: onnx.INodeProto,
  other: string,
  width: number
): Float32Array | null {
  const inputs = add.input ?? []
  const name = inputs[0] === other ? inputs[1] : inputs[0]
  const constant = initializers.get(name ?? '')
  const dims = (constant?.dims ?? []).map(Number)
  if (!constant || dims.length === 0 || dims.at(-1) !== width) return null
  if (dims.slice(0, -1).some((d) => d !== 1)) return null
  return floatValues(constant)
}

function transpose2d(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] ?? 0
  }
  return out
}

const op = (opType: string, input: string[], output: string): onnx.INodeProto => ({
  opType,
  name: output,
  input,
  output: [output]
})

/** An initializer holding `t`, named `name`. */
function initializer(name: string, t: HostTensor): onnx.ITensorProto {
  return { name, dims: [...t.shape], dataType: onnxElementType[t.dtype], rawData: rawBytes(t) }
}
