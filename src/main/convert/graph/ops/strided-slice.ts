import { stridesOf } from '../broadcast'
import type { EmitContext, OpConverter, OpTable } from '../context'
import type { HostTensor } from '../../host-tensor'
import { tensor, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import { attrInt } from '../tf-graph'
import type { DynValue, Value } from '../value'
import { constant, dtypeOf, dynamic, shapeOf } from '../value'
import { constInts, operands, stridedIndices, takeElements } from './op-helpers'

/**
 * TF StridedSlice with its full semantics (the algorithm of TF's ValidatedStridedSliceOp, which
 * TF.js ports): begin/end/strides index a "sparse" spec that an ellipsis expands to the input's
 * rank, new_axis_mask inserts size-1 axes, shrink_axis_mask drops an indexed axis, begin_mask /
 * end_mask mean "from the start / to the end" in the stride's direction, negative indices count
 * from the end and out-of-range bounds clamp.
 *
 * ONNX: one Slice (int64 starts/ends/axes/steps) for the axes that are not taken whole, then
 * Squeeze for shrunk axes and Unsqueeze for new ones.
 */

/** Bounds beyond any dimension; ONNX Slice clamps them like TF's masks. */
const BIG = Number.MAX_SAFE_INTEGER

interface Masks {
  readonly begin: number
  readonly end: number
  readonly ellipsis: number
  readonly newAxis: number
  readonly shrink: number
}

/** One input dimension after the ellipsis is expanded (TF's "dense spec"). */
interface DenseDim {
  /** Index into begin/end/strides; null for a dimension the ellipsis covers (taken whole). */
  readonly sparse: number | null
  readonly stride: number
  readonly beginMasked: boolean
  readonly endMasked: boolean
  readonly shrink: boolean
}

interface DenseSpec {
  readonly dims: readonly DenseDim[]
  /** Each output dimension: the dense dimension it comes from, or a new axis. */
  readonly out: readonly (number | 'new')[]
}

const bit = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0

function readMasks(node: TfNode): Masks {
  return {
    begin: attrInt(node, 'begin_mask', 0),
    end: attrInt(node, 'end_mask', 0),
    ellipsis: attrInt(node, 'ellipsis_mask', 0),
    newAxis: attrInt(node, 'new_axis_mask', 0),
    shrink: attrInt(node, 'shrink_axis_mask', 0)
  }
}

/** TF's BuildDenseSpec: the sparse spec of `strides.length` entries over an input of `rank`. */
function denseSpec(
  rank: number,
  strides: readonly number[],
  masks: Masks,
  node: TfNode
): DenseSpec {
  const fail = (why: string): Error => new Error(`StridedSlice ${node.name}: ${why}`)
  if ((masks.ellipsis & (masks.ellipsis - 1)) !== 0) throw fail('more than one ellipsis')
  const entries = strides.length
  let ellipsisAt = strides.findIndex((_, i) => bit(masks.ellipsis, i))
  // Without an ellipsis TF appends one: trailing dimensions are taken whole.
  const sparseCount = ellipsisAt < 0 ? entries + 1 : entries
  if (ellipsisAt < 0) ellipsisAt = entries
  const newAfterEllipsis = strides.filter((_, i) => i > ellipsisAt && bit(masks.newAxis, i)).length
  const dims: DenseDim[] = []
  const out: (number | 'new')[] = []
  for (let i = 0; i < sparseCount; i++) {
    if (i === ellipsisAt) {
      const next = Math.min(rank - (sparseCount - i) + 1 + newAfterEllipsis, rank)
      while (dims.length < next) {
        out.push(dims.length)
        dims.push({ sparse: null, stride: 1, beginMasked: true, endMasked: true, shrink: false })
      }
    } else if (bit(masks.newAxis, i)) {
      out.push('new')
    } else {
      if (dims.length === rank) throw fail(`more indices than the input's ${rank} dims`)
      const stride = strides[i] ?? 1
      if (stride === 0) throw fail('stride 0')
      const shrink = bit(masks.shrink, i)
      if (shrink && stride < 0) throw fail('only stride 1 is allowed on a shrunk axis')
      if (!shrink) out.push(dims.length)
      dims.push({
        sparse: i,
        stride,
        beginMasked: bit(masks.begin, i),
        endMasked: bit(masks.end, i),
        shrink
      })
    }
  }
  return { dims, out }
}

/** The elements one dimension keeps: start, start + stride, … (`length` of them). */
interface Kept {
  readonly start: number
  readonly length: number
}

/** TF's canonical bounds of one dimension of known size, with constant (or masked) begin/end. */
function keptElements(dim: DenseDim, begin: number, end: number, size: number, node: TfNode): Kept {
  if (dim.shrink) {
    const index = begin < 0 ? size + begin : begin
    if (index < 0 || index >= size) {
      throw new Error(`StridedSlice ${node.name}: index ${begin} out of range for size ${size}`)
    }
    return { start: index, length: 1 }
  }
  const forward = dim.stride > 0
  const [lo, hi] = forward ? [0, size] : [-1, size - 1]
  const canonical = (x: number, masked: boolean, isEnd: boolean): number => {
    if (masked) return forward === isEnd ? hi : lo
    const fwd = x < 0 ? size + x : x
    return Math.min(Math.max(fwd, lo), hi)
  }
  const start = canonical(begin, dim.beginMasked, false)
  const interval = canonical(end, dim.endMasked, true) - start
  const length =
    interval === 0 || interval < 0 !== dim.stride < 0 ? 0 : Math.ceil(interval / dim.stride)
  return { start, length }
}

// ---------------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------------

function foldStridedSlice(inputs: readonly HostTensor[], node: TfNode): HostTensor {
  const [x, beginT, endT, stridesT] = operands(inputs, 4, node)
  const [begin, end, strides] = [beginT, endT, stridesT].map(toNumbers)
  const spec = denseSpec(x.shape.length, strides ?? [], readMasks(node), node)
  const kept = spec.dims.map((dim, axis) => {
    const at = (values: readonly number[] | undefined): number =>
      dim.sparse === null ? 0 : (values?.[dim.sparse] ?? 0)
    return keptElements(dim, at(begin), at(end), x.shape[axis] ?? 0, node)
  })
  const inStrides = stridesOf(x.shape)
  const offset = kept.reduce((sum, k, axis) => sum + k.start * (inStrides[axis] ?? 0), 0)
  const steps = spec.dims.map((dim, axis) => dim.stride * (inStrides[axis] ?? 0))
  const lengths = kept.map((k) => k.length)
  const data = takeElements(x, lengths, stridedIndices(lengths, steps, offset))
  const outShape = spec.out.map((o) => (o === 'new' ? 1 : (lengths[o] ?? 0)))
  return { ...data, shape: outShape }
}

// ---------------------------------------------------------------------------------------------
// Emitting
// ---------------------------------------------------------------------------------------------

/** A Slice bound: a number, or element `index` of the (dynamic) begin or end input. */
type Bound = number | { readonly index: number }

/** How ONNX Slice treats one axis; `length` is the static size of the result (null: unknown). */
interface AxisSlice {
  readonly axis: number
  readonly start: Bound
  readonly end: Bound
  readonly step: number
  readonly length: number | null
}

/** ONNX bounds that select exactly `kept` (an end of -1 would wrap around, so it becomes -BIG). */
function exactSlice(axis: number, kept: Kept, stride: number): AxisSlice {
  if (kept.length === 0) return { axis, start: 0, end: 0, step: 1, length: 0 }
  const last = kept.start + (kept.length - 1) * stride
  const end = stride > 0 ? last + 1 : last - 1 < 0 ? -BIG : last - 1
  return { axis, start: kept.start, end, step: stride, length: kept.length }
}

/**
 * One axis of the Slice, or null when it is taken whole. Exact TF bounds where the dim size
 * and the bounds are known; otherwise TF's own bounds, which ONNX Slice normalises and clamps
 * the same way — except a negative-stride begin below -size, which TF reads as "before the
 * first element" (empty) and ONNX clamps to the first element.
 */
function axisSlice(
  dim: DenseDim,
  axis: number,
  size: number | null,
  begin: readonly (number | null)[],
  end: readonly (number | null)[],
  node: TfNode
): AxisSlice | null {
  if (dim.sparse === null) return null
  const b = begin[dim.sparse] ?? null
  const e = end[dim.sparse] ?? null
  if (dim.shrink && b === null) {
    throw new Error(
      `StridedSlice ${node.name}: a non-constant index on a shrunk axis is unsupported`
    )
  }
  const beginKnown = b !== null || (dim.beginMasked && !dim.shrink)
  const endKnown = e !== null || dim.endMasked || dim.shrink
  if (size !== null && beginKnown && endKnown) {
    const kept = keptElements(dim, b ?? 0, e ?? 0, size, node)
    const whole = dim.stride === 1 && kept.start === 0 && kept.length === size
    return whole ? null : exactSlice(axis, kept, dim.stride)
  }
  const forward = dim.stride > 0
  if (dim.shrink) {
    const index = b ?? 0
    return { axis, start: index, end: index === -1 ? BIG : index + 1, step: 1, length: 1 }
  }
  if (dim.beginMasked && dim.endMasked && dim.stride === 1) return null
  const start = dim.beginMasked ? (forward ? 0 : BIG) : (b ?? { index: dim.sparse })
  const stop = dim.endMasked ? (forward ? BIG : -BIG) : (e ?? { index: dim.sparse })
  return { axis, start, end: stop, step: dim.stride, length: null }
}

/** The int64 vector of Slice bounds: a constant, or the dynamic input's elements with constants mixed in. */
function boundsVector(ctx: EmitContext, bounds: readonly Bound[], source: Value): string {
  const fixed = bounds.map((b) => (typeof b === 'number' ? b : null))
  if (fixed.every((b) => b !== null)) return ctx.int64(fixed)
  const picks = bounds.map((b) => (typeof b === 'number' ? 0 : b.index))
  const whole = picks.length === shapeOf(source)?.[0] && picks.every((p, i) => p === i)
  const all = ctx.nameAs(source, 'int64')
  const gathered = whole ? all : ctx.builder.op('Gather', [all, ctx.int64(picks)])
  if (fixed.every((b) => b === null)) return gathered
  const useFixed = tensor(
    'bool',
    [fixed.length],
    fixed.map((b) => (b === null ? 0 : 1))
  )
  return ctx.builder.op('Where', [
    ctx.name(constant(useFixed)),
    ctx.int64(fixed.map((b) => b ?? 0)),
    gathered
  ])
}

/** A constant input's values, with null entries for a dynamic one of known length. */
function boundValues(value: Value, count: number): (number | null)[] {
  return value.kind === 'const' ? toNumbers(value.tensor) : new Array<null>(count).fill(null)
}

function emitStridedSlice(inputs: readonly Value[], node: TfNode, ctx: EmitContext): DynValue {
  const [x, beginV, endV, stridesV] = operands(inputs, 4, node)
  const dims = shapeOf(x)
  if (dims === null) throw new Error(`StridedSlice ${node.name}: the input rank is unknown`)
  const strides = constInts(stridesV, node, 'strides')
  const spec = denseSpec(dims.length, strides, readMasks(node), node)
  const begin = boundValues(beginV, strides.length)
  const end = boundValues(endV, strides.length)
  const slices = spec.dims.flatMap((dim, axis) => {
    const slice = axisSlice(dim, axis, dims[axis] ?? null, begin, end, node)
    return slice ? [slice] : []
  })
  let name = ctx.name(x)
  if (slices.length > 0) {
    name = ctx.builder.op('Slice', [
      name,
      boundsVector(
        ctx,
        slices.map((s) => s.start),
        beginV
      ),
      boundsVector(
        ctx,
        slices.map((s) => s.end),
        endV
      ),
      ctx.int64(slices.map((s) => s.axis)),
      ctx.int64(slices.map((s) => s.step))
    ])
  }
  const sliced = dims.map((d, axis) => {
    const slice = slices.find((s) => s.axis === axis)
    return slice ? slice.length : d
  })
  const shrunk = spec.dims.flatMap((dim, axis) => (dim.shrink ? [axis] : []))
  if (shrunk.length > 0) name = ctx.builder.op('Squeeze', [name, ctx.int64(shrunk)])
  const added = spec.out.flatMap((o, i) => (o === 'new' ? [i] : []))
  if (added.length > 0) name = ctx.builder.op('Unsqueeze', [name, ctx.int64(added)])
  const outDims = spec.out.map((o) => (o === 'new' ? 1 : (sliced[o] ?? null)))
  return dynamic(name, dtypeOf(x), outDims)
}

export const stridedSliceOps: OpTable = {
  StridedSlice: {
    fold: (inputs, node) => [foldStridedSlice(inputs, node)],
    emit: (inputs, node, ctx) => [emitStridedSlice(inputs, node, ctx)]
  } satisfies OpConverter
}
