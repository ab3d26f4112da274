import { stridesOf } from '../broadcast'
import type { OpConverter, OpTable } from '../context'
import type { DType } from '../../host-tensor'
import { sizeOf, tensor, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import { attrInts, attrType } from '../tf-graph'
import { constant, dtypeFromTf, dtypeOf, dynamic, isStaticShape, rankOf, shapeOf } from '../value'
import type { Dims } from './op-helpers'
import {
  operands,
  normaliseAxis,
  onnxAxis,
  constInts,
  scalarOf,
  constScalar,
  takeElements,
  stridedIndices,
  withShape,
  withInserted,
  unsqueeze
} from './op-helpers'

/** Shape, Reshape, Transpose, ExpandDims and Squeeze: ops that only change a tensor's shape or axis order. */

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

/**
 * Shape(x) → out_type vector. A fully known static shape becomes a constant when shapes are
 * being folded (the specialised graphs); otherwise ONNX Shape (int64) cast to out_type.
 */
const shape: OpConverter = {
  fold: ([x], node) => {
    if (!x) throw new Error(`Shape ${node.name} needs an input`)
    return [tensor(shapeDtype(node), [x.shape.length], x.shape)]
  },
  emit: ([x], node, ctx) => {
    if (!x) throw new Error(`Shape ${node.name} needs an input`)
    const dims = shapeOf(x)
    const dtype = shapeDtype(node)
    if (ctx.options.foldShapes && isStaticShape(dims)) {
      return [constant(tensor(dtype, [dims.length], dims))]
    }
    const outShape = [dims?.length ?? null]
    const int64 = dynamic(ctx.builder.op('Shape', [ctx.name(x)]), 'int64', outShape)
    return [dynamic(ctx.nameAs(int64, dtype), dtype, outShape)]
  }
}

function shapeDtype(node: TfNode): DType {
  return dtypeFromTf(attrType(node, 'out_type', 'DT_INT32'))
}

// ---------------------------------------------------------------------------------------------
// Reshape
// ---------------------------------------------------------------------------------------------

/**
 * TF Reshape's target shape with its one -1 resolved where the input size is known. TF never
 * reads 0 as "copy the input dim", so ONNX gets allowzero=1 whenever a 0 may occur.
 */
function reshapeTarget(target: readonly number[], input: Dims | null, node: TfNode): Dims {
  const inferred = target.filter((d) => d === -1).length
  if (inferred > 1 || target.some((d) => d < -1)) {
    throw new Error(`Reshape ${node.name}: invalid shape [${target.join(',')}]`)
  }
  if (inferred === 0) return target
  const known = sizeOf(target.filter((d) => d !== -1))
  if (!isStaticShape(input) || known === 0) return target.map((d) => (d === -1 ? null : d))
  const total = sizeOf(input)
  if (total % known !== 0) {
    throw new Error(
      `Reshape ${node.name}: cannot reshape [${input.join(',')}] to [${target.join(',')}]`
    )
  }
  return target.map((d) => (d === -1 ? total / known : d))
}

/** Reshape(x, shape) → ONNX Reshape; the output shape is exact when `shape` is a constant. */
const reshape: OpConverter = {
  fold: (inputs, node) => {
    const [x, target] = operands(inputs, 2, node)
    const dims = reshapeTarget(toNumbers(target), x.shape, node)
    if (!isStaticShape(dims)) throw new Error(`Reshape ${node.name}: cannot infer the shape`)
    return [withShape(x, dims)]
  },
  emit: (inputs, node, ctx) => {
    const [x, target] = operands(inputs, 2, node)
    if (target.kind === 'const') {
      const dims = reshapeTarget(toNumbers(target.tensor), shapeOf(x), node)
      const onnxDims = isStaticShape(dims) ? dims : toNumbers(target.tensor)
      const allowzero = onnxDims.includes(0) ? 1 : 0
      const name = ctx.builder.op('Reshape', [ctx.name(x), ctx.int64(onnxDims)], { allowzero })
      return [dynamic(name, dtypeOf(x), dims)]
    }
    const length = shapeOf(target)?.[0] ?? null
    const name = ctx.builder.op('Reshape', [ctx.name(x), ctx.nameAs(target, 'int64')], {
      allowzero: 1
    })
    const dims = length === null ? null : new Array<null>(length).fill(null)
    return [dynamic(name, dtypeOf(x), dims)]
  }
}

// ---------------------------------------------------------------------------------------------
// Transpose
// ---------------------------------------------------------------------------------------------

function permutation(perm: readonly number[], rank: number, node: TfNode): number[] {
  const normal = perm.map((p) => normaliseAxis(p, rank, node))
  if (normal.length !== rank || new Set(normal).size !== rank) {
    throw new Error(
      `Transpose ${node.name}: [${perm.join(',')}] is not a permutation of ${rank} axes`
    )
  }
  return normal
}

/** Transpose(x, perm) with a constant perm → ONNX Transpose with the perm attribute. */
const transpose: OpConverter = {
  fold: (inputs, node) => {
    const [x, permTensor] = operands(inputs, 2, node)
    const perm = permutation(toNumbers(permTensor), x.shape.length, node)
    const inStrides = stridesOf(x.shape)
    const shape = perm.map((p) => x.shape[p] ?? 0)
    const strides = perm.map((p) => inStrides[p] ?? 0)
    return [takeElements(x, shape, stridedIndices(shape, strides))]
  },
  emit: (inputs, node, ctx) => {
    const [x, permValue] = operands(inputs, 2, node)
    const raw = constInts(permValue, node, 'perm')
    const perm = permutation(raw, rankOf(x) ?? raw.length, node)
    const dims = shapeOf(x)
    const name = ctx.builder.op('Transpose', [ctx.name(x)], { perm })
    return [dynamic(name, dtypeOf(x), dims && perm.map((p) => dims[p] ?? null))]
  }
}

// ---------------------------------------------------------------------------------------------
// ExpandDims, Squeeze
// ---------------------------------------------------------------------------------------------

/** ExpandDims(x, axis): a 1 inserted at axis ∈ [-rank-1, rank] (TF) → ONNX Unsqueeze. */
const expandDims: OpConverter = {
  fold: (inputs, node) => {
    const [x, axisTensor] = operands(inputs, 2, node)
    const axis = normaliseAxis(scalarOf(axisTensor, node), x.shape.length + 1, node)
    return [withShape(x, withInserted(x.shape, axis, 1) as number[])]
  },
  emit: (inputs, node, ctx) => {
    const [x, axisValue] = operands(inputs, 2, node)
    const dims = shapeOf(x)
    const axis = onnxAxis(constScalar(axisValue, node, 'axis'), dims && dims.length + 1, node)
    const name = unsqueeze(ctx, x, [axis])
    return [dynamic(name, dtypeOf(x), dims && withInserted(dims, axis, 1))]
  }
}

/** The axes Squeeze removes: squeeze_dims (negative allowed), or every size-1 dim when empty. */
function squeezeAxes(node: TfNode, dims: Dims): number[] | null {
  const listed = attrInts(node, 'squeeze_dims', [])
  if (listed.length > 0) return listed.map((a) => normaliseAxis(a, dims.length, node))
  if (!isStaticShape(dims)) return null
  return dims.flatMap((d, i) => (d === 1 ? [i] : []))
}

/** Squeeze(x) with attr squeeze_dims → ONNX Squeeze with an int64 axes input. */
const squeeze: OpConverter = {
  fold: ([x], node) => {
    if (!x) throw new Error(`Squeeze ${node.name} needs an input`)
    const axes = squeezeAxes(node, x.shape) ?? []
    if (axes.some((a) => x.shape[a] !== 1)) throw new Error(`Squeeze ${node.name}: dim is not 1`)
    return [
      withShape(
        x,
        x.shape.filter((_, i) => !axes.includes(i))
      )
    ]
  },
  emit: ([x], node, ctx) => {
    if (!x) throw new Error(`Squeeze ${node.name} needs an input`)
    const dims = shapeOf(x)
    const listed = attrInts(node, 'squeeze_dims', [])
    if (dims === null) {
      const axes = listed.length > 0 ? [ctx.int64(listed)] : []
      return [dynamic(ctx.builder.op('Squeeze', [ctx.name(x), ...axes]), dtypeOf(x), null)]
    }
    const axes = squeezeAxes(node, dims)
    if (axes === null) {
      // Every size-1 dim, decided at run time: the output rank is unknown until then.
      return [dynamic(ctx.builder.op('Squeeze', [ctx.name(x)]), dtypeOf(x), null)]
    }
    if (axes.some((a) => dims[a] !== 1 && dims[a] !== null)) {
      throw new Error(`Squeeze ${node.name}: dim is not 1`)
    }
    if (axes.length === 0) return [x]
    const name = ctx.builder.op('Squeeze', [ctx.name(x), ctx.int64(axes)])
    return [
      dynamic(
        name,
        dtypeOf(x),
        dims.filter((_, i) => !axes.includes(i))
      )
    ]
  }
}

export const shapeOps: OpTable = {
  Shape: shape,
  Reshape: reshape,
  Transpose: transpose,
  ExpandDims: expandDims,
  Squeeze: squeeze
}
