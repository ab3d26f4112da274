import { broadcastIndex } from '../broadcast'
import type { EmitContext, OpConverter, OpTable } from '../context'
import type { DType, HostTensor } from '../../host-tensor'
import { sizeOf, tensor, toNumbers } from '../../host-tensor'
import { onnxElementType } from '../../onnx-builder'
import type { TfNode } from '../tf-graph'
import { attrBool } from '../tf-graph'
import type { DynValue, Value } from '../value'
import { dtypeOf, dynamic, rankOf, shapeOf } from '../value'

/**
 * A TF reduction (Sum, Mean, Max, Prod): input 1 holds the axes (an int32 scalar or vector,
 * negative counting from the end, duplicates allowed); attr keep_dims keeps reduced axes as 1.
 * An empty axis list reduces nothing in TF, whereas ONNX would reduce every axis.
 */
interface Reduction {
  readonly onnxOp: string
  /** ONNX opset 13+ takes ReduceSum's axes as an input; the others take an attribute until 18. */
  readonly axesInput: boolean
  /** The identity element of `combine`. */
  readonly initial: (dtype: DType) => number
  /** Accumulates in double; keep int32 products exact with Math.imul. */
  readonly combine: (acc: number, x: number, dtype: DType) => number
  /** The result from the accumulator and the number of elements reduced into it. */
  readonly finish?: (acc: number, count: number, dtype: DType) => number
}

const sum: Reduction = {
  onnxOp: 'ReduceSum',
  axesInput: true,
  initial: () => 0,
  combine: (acc, x) => acc + x
}

/** TF Mean of ints divides the (wrapped) int32 sum by the count, truncating. */
const mean: Reduction = {
  onnxOp: 'ReduceMean',
  axesInput: false,
  initial: () => 0,
  combine: (acc, x) => acc + x,
  finish: (acc, count, dtype) =>
    dtype === 'int32'
      ? Math.trunc((acc | 0) / count)
      : dtype === 'int64'
        ? Math.trunc(acc / count)
        : acc / count
}

const max: Reduction = {
  onnxOp: 'ReduceMax',
  axesInput: false,
  initial: (dtype) => (dtype === 'int32' ? -(2 ** 31) : -Infinity),
  combine: (acc, x) => Math.max(acc, x)
}

const prod: Reduction = {
  onnxOp: 'ReduceProd',
  axesInput: false,
  initial: () => 1,
  combine: (acc, x, dtype) => (dtype === 'int32' ? Math.imul(acc, x) : acc * x)
}

function reductionOp(reduction: Reduction): OpConverter {
  return {
    fold: ([x, axes], node) => {
      if (!x || !axes) throw new Error(`${node.name}: ${node.op} needs two inputs`)
      return [foldReduction(reduction, x, toNumbers(axes), keepDims(node))]
    },
    emit: ([x, axes], node, ctx) => {
      if (!x || !axes) throw new Error(`${node.name}: ${node.op} needs two inputs`)
      if (axes.kind === 'const')
        return [emitConstAxes(reduction, x, toNumbers(axes.tensor), keepDims(node), ctx)]
      return [emitDynamicAxes(reduction, x, axes, node, ctx)]
    }
  }
}

const keepDims = (node: TfNode): boolean => attrBool(node, 'keep_dims')

/** In-range, sorted, unique axes. */
function normaliseAxes(axes: readonly number[], rank: number): number[] {
  const normalised = axes.map((a) => (a < 0 ? a + rank : a))
  const bad = normalised.find((a) => a < 0 || a >= rank)
  if (bad !== undefined) throw new Error(`Reduction axis ${bad} is out of range for rank ${rank}`)
  return [...new Set(normalised)].sort((a, b) => a - b)
}

function reducedShape<D extends number | null>(
  shape: readonly D[],
  axes: readonly number[],
  keep: boolean
): (D | 1)[] {
  return shape.flatMap<D | 1>((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]))
}

function foldReduction(
  reduction: Reduction,
  x: HostTensor,
  axisList: readonly number[],
  keep: boolean
): HostTensor {
  const { dtype, shape } = x
  const axes = normaliseAxes(axisList, shape.length)
  const kept = reducedShape(shape, axes, true)
  // For each element of x, the flat index of the output element it reduces into.
  const target = broadcastIndex(shape, kept)
  const acc = new Float64Array(sizeOf(kept)).fill(reduction.initial(dtype))
  const values = x.data instanceof BigInt64Array ? toNumbers(x) : x.data
  for (let i = 0; i < target.length; i++) {
    const t = target[i] ?? 0
    acc[t] = reduction.combine(acc[t] ?? 0, values[i] ?? 0, dtype)
  }
  const count = axes.reduce((n, a) => n * (shape[a] ?? 1), 1)
  const { finish } = reduction
  const out = finish ? acc.map((v) => finish(v, count, dtype)) : acc
  // Storing into the dtype's typed array rounds float32 and wraps int32.
  return tensor(dtype, reducedShape(shape, axes, keep), out)
}

function emitConstAxes(
  reduction: Reduction,
  x: Value,
  axes: readonly number[],
  keep: boolean,
  ctx: EmitContext
): Value {
  if (axes.length === 0) return x
  const shape = shapeOf(x)
  // Normalised where the rank is known: ONNX may reject repeated axes, which TF allows.
  const list = shape ? normaliseAxes(axes, shape.length) : axes
  const keepdims = Number(keep)
  const name = reduction.axesInput
    ? ctx.builder.op(reduction.onnxOp, [ctx.name(x), ctx.int64(list)], { keepdims })
    : ctx.builder.op(reduction.onnxOp, [ctx.name(x)], { axes: list, keepdims })
  return dynamic(name, dtypeOf(x), shape && reducedShape(shape, list, keep))
}

/**
 * Axes known only at run time: ONNX ReduceSum takes them as an input (noop_with_empty_axes=1
 * keeps TF's "empty reduces nothing"); Mean is that sum divided by size(x) / size(sum). Max and
 * Prod take axes only as an attribute before opset 18, so they need constant axes.
 */
function emitDynamicAxes(
  reduction: Reduction,
  x: Value,
  axes: DynValue,
  node: TfNode,
  ctx: EmitContext
): Value {
  if (reduction !== sum && reduction !== mean)
    throw new Error(`${node.name}: ${node.op} needs constant axes in ONNX opset 17`)
  const { builder } = ctx
  const keep = keepDims(node)
  const vector = ctx.nameAs(axes, 'int64')
  const axes64 = rankOf(axes) === 1 ? vector : builder.op('Reshape', [vector, ctx.int64([-1])])
  const input = ctx.name(x)
  const total = builder.op('ReduceSum', [input, axes64], {
    keepdims: Number(keep),
    noop_with_empty_axes: 1
  })
  const name = reduction === mean ? divideByCount(input, total, dtypeOf(x), ctx) : total
  return dynamic(name, dtypeOf(x), dynamicAxesShape(shapeOf(x), shapeOf(axes), keep))
}

/** total / (size(x) / size(total)): the number of elements summed into each output. */
function divideByCount(input: string, total: string, dtype: DType, ctx: EmitContext): string {
  const { builder } = ctx
  // size(total) is 0 only when x is empty; Max(…, 1) avoids an integer division by zero.
  const outputs = builder.op('Max', [builder.op('Size', [total]), ctx.int64([1], [])])
  const count = builder.op('Div', [builder.op('Size', [input]), outputs])
  const countAs = builder.op('Cast', [count], { to: onnxElementType[dtype] })
  return builder.op('Div', [total, countAs])
}

/** The static output shape when the axes' values are unknown. */
function dynamicAxesShape(
  shape: readonly (number | null)[] | null,
  axesShape: readonly (number | null)[] | null,
  keep: boolean
): (number | null)[] | null {
  if (shape === null) return null
  // Every axis keeps its size or becomes 1, so only 1s stay known.
  if (keep) return shape.map((d) => (d === 1 ? 1 : null))
  const count = axesShape === null ? null : axesShape.length === 0 ? 1 : axesShape[0]
  if (count === 0) return [...shape]
  // One axis removes exactly one dimension; more may repeat an axis, so the rank is unknown.
  if (count === 1) return shape.slice(1).map(() => null)
  return null
}

export const reduceOps: OpTable = {
  Sum: reductionOp(sum),
  Mean: reductionOp(mean),
  Max: reductionOp(max),
  Prod: reductionOp(prod)
}
