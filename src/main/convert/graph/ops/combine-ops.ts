import type { OpConverter, OpTable } from '../context'
import { sizeOf, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import { attrInt } from '../tf-graph'
import { constant, dtypeOf, dynamic, shapeOf } from '../value'
import type { Dims } from './op-helpers'
import {
  operands,
  normaliseAxis,
  onnxAxis,
  scalarOf,
  constScalar,
  takeElements,
  withShape,
  concatTensors,
  mergeDims,
  withInserted,
  joinConstantRuns,
  unsqueeze
} from './op-helpers'

/** Pack, ConcatV2 and GatherV2: ops that assemble a tensor from others or take elements of one. */

// ---------------------------------------------------------------------------------------------
// Pack, ConcatV2
// ---------------------------------------------------------------------------------------------

/** Pack(values…, attr axis): a new axis at axis ∈ [-rank-1, rank], then concatenation. */
const pack: OpConverter = {
  fold: (inputs, node) => {
    const [first] = inputs
    if (!first) throw new Error(`Pack ${node.name} needs inputs`)
    const axis = normaliseAxis(attrInt(node, 'axis', 0), first.shape.length + 1, node)
    const expanded = withInserted(first.shape, axis, 1) as number[]
    return [
      concatTensors(
        inputs.map((t) => withShape(t, expanded)),
        axis
      )
    ]
  },
  emit: (inputs, node, ctx) => {
    const [first] = inputs
    if (!first) throw new Error(`Pack ${node.name} needs inputs`)
    const dims = inputs.map(shapeOf).reduce(mergeDims, null)
    // The rank is known whenever a constant is packed, so constants see a normalised axis.
    const axis = onnxAxis(attrInt(node, 'axis', 0), dims && dims.length + 1, node)
    const expanded = inputs.map((v) =>
      v.kind === 'dyn'
        ? dynamic(unsqueeze(ctx, v, [axis]), v.dtype, null)
        : constant(withShape(v.tensor, withInserted(v.tensor.shape, axis, 1) as number[]))
    )
    const parts = joinConstantRuns(expanded, (ts) => concatTensors(ts, axis))
    const name = ctx.builder.op(
      'Concat',
      parts.map((p) => ctx.name(p)),
      { axis }
    )
    return [dynamic(name, dtypeOf(first), dims && withInserted(dims, axis, inputs.length))]
  }
}

/** ConcatV2(values…, axis): the last input is the axis, in [-rank, rank) → ONNX Concat. */
const concatV2: OpConverter = {
  fold: (inputs, node) => {
    const values = inputs.slice(0, -1)
    const axisTensor = inputs.at(-1)
    const first = values[0]
    if (!first || !axisTensor) throw new Error(`ConcatV2 ${node.name} needs inputs and an axis`)
    const axis = normaliseAxis(scalarOf(axisTensor, node), first.shape.length, node)
    return [concatTensors(values, axis)]
  },
  emit: (inputs, node, ctx) => {
    const values = inputs.slice(0, -1)
    const axisValue = inputs.at(-1)
    const first = values[0]
    if (!first || !axisValue) throw new Error(`ConcatV2 ${node.name} needs inputs and an axis`)
    const shapes = values.map(shapeOf)
    const merged = shapes.reduce(mergeDims, null)
    const axis = onnxAxis(constScalar(axisValue, node, 'axis'), merged?.length ?? null, node)
    const parts = joinConstantRuns(values, (ts) => concatTensors(ts, axis))
    const name = ctx.builder.op(
      'Concat',
      parts.map((p) => ctx.name(p)),
      { axis }
    )
    return [dynamic(name, dtypeOf(first), merged && concatDims(merged, shapes, axis))]
  }
}

function concatDims(merged: Dims, shapes: readonly (Dims | null)[], axis: number): Dims {
  const lengths = shapes.map((s) => s?.[axis] ?? null)
  const total = lengths.every((d) => d !== null) ? lengths.reduce((a, b) => a + b, 0) : null
  return merged.map((d, i) => (i === axis ? total : d))
}

// ---------------------------------------------------------------------------------------------
// GatherV2
// ---------------------------------------------------------------------------------------------

function checkBatchDims(node: TfNode): void {
  if (attrInt(node, 'batch_dims', 0) !== 0) {
    throw new Error(`GatherV2 ${node.name}: batch_dims ≠ 0 is not supported`)
  }
}

/** GatherV2(params, indices, axis) with batch_dims 0 → ONNX Gather. TF rejects out-of-range indices. */
const gatherV2: OpConverter = {
  fold: (inputs, node) => {
    checkBatchDims(node)
    const [params, indicesTensor, axisTensor] = operands(inputs, 3, node)
    const axis = normaliseAxis(scalarOf(axisTensor, node), params.shape.length, node)
    const length = params.shape[axis] ?? 0
    const indices = toNumbers(indicesTensor)
    if (indices.some((i) => i < 0 || i >= length)) {
      throw new Error(`GatherV2 ${node.name}: index out of range [0, ${length})`)
    }
    const outer = sizeOf(params.shape.slice(0, axis))
    const inner = sizeOf(params.shape.slice(axis + 1))
    const sources: number[] = []
    for (let o = 0; o < outer; o++) {
      for (const index of indices) {
        for (let k = 0; k < inner; k++) sources.push((o * length + index) * inner + k)
      }
    }
    const shape = [
      ...params.shape.slice(0, axis),
      ...indicesTensor.shape,
      ...params.shape.slice(axis + 1)
    ]
    return [takeElements(params, shape, sources)]
  },
  emit: (inputs, node, ctx) => {
    checkBatchDims(node)
    const [params, indices, axisValue] = operands(inputs, 3, node)
    const dims = shapeOf(params)
    const axis = onnxAxis(constScalar(axisValue, node, 'axis'), dims?.length ?? null, node)
    const name = ctx.builder.op('Gather', [ctx.name(params), ctx.name(indices)], { axis })
    const indexDims = shapeOf(indices)
    const outDims = dims &&
      indexDims && [...dims.slice(0, axis), ...indexDims, ...dims.slice(axis + 1)]
    return [dynamic(name, dtypeOf(params), outDims)]
  }
}

export const combineOps: OpTable = {
  Pack: pack,
  ConcatV2: concatV2,
  GatherV2: gatherV2
}
