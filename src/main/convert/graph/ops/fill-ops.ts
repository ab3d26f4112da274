import { broadcastIndex, broadcastShapes } from '../broadcast'
import type { OpConverter, OpTable } from '../context'
import type { DType, HostTensor } from '../../host-tensor'
import { sizeOf, tensor, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import type { Value } from '../value'
import { constant, dtypeFromTf, dtypeOf, dynamic, isStaticShape, shapeOf } from '../value'
import type { Dims } from './op-helpers'
import { operands, scalarOf, takeElements } from './op-helpers'

/** BroadcastTo, Fill, ZerosLike, OnesLike and Range: tensors made from a shape and values. */

// ---------------------------------------------------------------------------------------------
// BroadcastTo, Fill, ZerosLike, OnesLike
// ---------------------------------------------------------------------------------------------

/** BroadcastTo's static shape: the target, with unknown target dims taken from x where x fixes them. */
function broadcastToDims(target: Value, x: Dims | null): Dims | null {
  if (target.kind === 'const') return toNumbers(target.tensor)
  const length = shapeOf(target)?.[0] ?? null
  if (length === null) return null
  return Array.from({ length }, (_, i) => {
    const d = x?.[x.length - length + i] ?? null
    return d === 1 ? null : d
  })
}

/**
 * BroadcastTo(x, shape) → ONNX Expand. Expand broadcasts both ways, TF only x to `shape`; they
 * agree on every valid TF graph (the fold checks validity exactly).
 */
const broadcastTo: OpConverter = {
  fold: (inputs, node) => {
    const [x, target] = operands(inputs, 2, node)
    const shape = toNumbers(target)
    const result = broadcastShapes(x.shape, shape)
    if (x.shape.length > shape.length || result?.join() !== shape.join()) {
      throw new Error(`BroadcastTo ${node.name}: [${x.shape.join(',')}] → [${shape.join(',')}]`)
    }
    return [takeElements(x, shape, broadcastIndex(shape, x.shape))]
  },
  emit: (inputs, node, ctx) => {
    const [x, target] = operands(inputs, 2, node)
    const name = ctx.builder.op('Expand', [ctx.name(x), ctx.nameAs(target, 'int64')])
    return [dynamic(name, dtypeOf(x), broadcastToDims(target, shapeOf(x)))]
  }
}

/** Fill(dims, value) → ONNX Expand of the scalar value. */
const fill: OpConverter = {
  fold: (inputs, node) => {
    const [dims, value] = operands(inputs, 2, node)
    const shape = toNumbers(dims)
    return [takeElements(value, shape, new Int32Array(sizeOf(shape)))]
  },
  emit: (inputs, node, ctx) => {
    const [dims, value] = operands(inputs, 2, node)
    const name = ctx.builder.op('Expand', [ctx.name(value), ctx.nameAs(dims, 'int64')])
    return [dynamic(name, dtypeOf(value), broadcastToDims(dims, null))]
  }
}

/** ZerosLike / OnesLike: a constant when the shape is folded, else ONNX ConstantOfShape. */
function filledLike(value: number): OpConverter {
  const filled = (dtype: DType, dims: readonly number[]): HostTensor =>
    tensor(dtype, dims, new Array<number>(sizeOf(dims)).fill(value))
  return {
    fold: ([x], node) => {
      if (!x) throw new Error(`${node.op} ${node.name} needs an input`)
      return [filled(x.dtype, x.shape)]
    },
    emit: ([x], node, ctx) => {
      if (!x) throw new Error(`${node.op} ${node.name} needs an input`)
      const dims = shapeOf(x)
      const dtype = dtypeOf(x)
      if (ctx.options.foldShapes && isStaticShape(dims)) return [constant(filled(dtype, dims))]
      const shapeName = ctx.builder.op('Shape', [ctx.name(x)])
      const name = ctx.builder.op('ConstantOfShape', [shapeName], { value: filled(dtype, [1]) })
      return [dynamic(name, dtype, dims)]
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------------

/** TF Range's element count (errors as TF does for a delta pointing away from limit). */
function rangeLength(
  start: number,
  limit: number,
  delta: number,
  dtype: DType,
  node: TfNode
): number {
  if (delta === 0 || (delta > 0 && start > limit) || (delta < 0 && start < limit)) {
    throw new Error(`Range ${node.name}: invalid range ${start}..${limit} by ${delta}`)
  }
  return dtype === 'float32'
    ? Math.ceil(Math.abs((limit - start) / delta))
    : Math.floor((Math.abs(limit - start) + Math.abs(delta) - 1) / Math.abs(delta))
}

function rangeDtype(node: TfNode, startDtype: DType): DType {
  const tidx = node.attr.Tidx?.type
  return tidx ? dtypeFromTf(tidx) : startDtype
}

/**
 * Range(start, limit, delta) → ONNX Range. Like TF's kernel (and ONNX Runtime's) the values
 * accumulate: v[i] = v[i-1] + delta, rounded to the dtype at each step.
 */
const range: OpConverter = {
  fold: (inputs, node) => {
    const [startT, limitT, deltaT] = operands(inputs, 3, node)
    const [start, limit, delta] = [startT, limitT, deltaT].map((t) => scalarOf(t, node))
    const dtype = rangeDtype(node, startT.dtype)
    const length = rangeLength(start ?? 0, limit ?? 0, delta ?? 1, dtype, node)
    const round = dtype === 'float32' ? Math.fround : (v: number): number => v
    const values = new Array<number>(length)
    let value = round(start ?? 0)
    for (let i = 0; i < length; i++) {
      values[i] = value
      value = round(value + (delta ?? 1))
    }
    return [tensor(dtype, [length], values)]
  },
  emit: (inputs, node, ctx) => {
    const values = operands(inputs, 3, node)
    const dtype = rangeDtype(node, dtypeOf(values[0]))
    const name = ctx.builder.op(
      'Range',
      values.map((v) => ctx.nameAs(v, dtype))
    )
    return [dynamic(name, dtype, [null])]
  }
}

export const fillOps: OpTable = {
  BroadcastTo: broadcastTo,
  Fill: fill,
  ZerosLike: filledLike(0),
  OnesLike: filledLike(1),
  Range: range
}
