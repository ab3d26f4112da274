import { broadcastIndex, broadcastShapes, stridesOf } from '../broadcast'
import type { EmitContext, OpConverter, OpTable } from '../context'
import type { DType, HostTensor, TensorData } from '../../host-tensor'
import { emptyData, sizeOf, tensor, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import { attrInt, attrInts, attrType } from '../tf-graph'
import type { Value } from '../value'
import { constant, dtypeFromTf, dtypeOf, dynamic, isStaticShape, rankOf, shapeOf } from '../value'

type Dims = readonly (number | null)[]

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by strided-slice.ts)
// ---------------------------------------------------------------------------------------------

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N
  ? R
  : Tuple<T, N, [T, ...R]>

/** The first `count` inputs of a node, failing clearly when the graph gives fewer. */
export function operands<T, N extends number>(
  inputs: readonly T[],
  count: N,
  node: TfNode
): Tuple<T, N> {
  if (inputs.length < count) {
    throw new Error(`${node.op} ${node.name} needs ${count} inputs, got ${inputs.length}`)
  }
  return inputs.slice(0, count) as Tuple<T, N>
}

/** A TF axis in [-rank, rank) as a non-negative axis; fails outside that range. */
export function normaliseAxis(axis: number, rank: number, node: TfNode): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new Error(`${node.op} ${node.name}: axis ${axis} is out of range for rank ${rank}`)
  }
  return axis < 0 ? axis + rank : axis
}

/**
 * The ONNX axis for a TF axis: normalised when the rank is known, else passed through (ONNX
 * reads a negative axis from the end exactly as TF does).
 */
function onnxAxis(axis: number, rank: number | null, node: TfNode): number {
  return rank === null ? axis : normaliseAxis(axis, rank, node)
}

/** The values of an input that must be a constant (axes, permutations). */
export function constInts(value: Value, node: TfNode, what: string): number[] {
  if (value.kind !== 'const') {
    throw new Error(`${node.op} ${node.name}: a non-constant ${what} is not supported`)
  }
  return toNumbers(value.tensor)
}

/** The single value of a scalar (or one-element) tensor. */
function scalarOf(t: HostTensor, node: TfNode): number {
  const [only, ...rest] = toNumbers(t)
  if (only === undefined || rest.length > 0) {
    throw new Error(`${node.op} ${node.name}: expected a scalar, got [${t.shape.join(',')}]`)
  }
  return only
}

/** The single value of an input that must be a constant scalar (an axis). */
function constScalar(value: Value, node: TfNode, what: string): number {
  if (value.kind !== 'const') {
    throw new Error(`${node.op} ${node.name}: a non-constant ${what} is not supported`)
  }
  return scalarOf(value.tensor, node)
}

/** A tensor of `shape` whose element i is element indices[i] of `t` (any dtype). */
export function takeElements(
  t: HostTensor,
  shape: readonly number[],
  indices: ArrayLike<number>
): HostTensor {
  if (indices.length !== sizeOf(shape)) throw new Error('takeElements: index count ≠ shape size')
  const out = emptyData(t.dtype, indices.length)
  if (out instanceof BigInt64Array) {
    const source = t.data as BigInt64Array
    for (let i = 0; i < out.length; i++) out[i] = source[indices[i] ?? 0] ?? 0n
  } else {
    const source = t.data as ArrayLike<number>
    for (let i = 0; i < out.length; i++) out[i] = source[indices[i] ?? 0] ?? 0
  }
  return { dtype: t.dtype, shape: [...shape], data: out }
}

/**
 * Flat source indices for an output of `shape` whose coordinate k moves the source by
 * `strides[k]`, starting at `offset` (transposes and strided slices of row-major data).
 */
export function stridedIndices(
  shape: readonly number[],
  strides: readonly number[],
  offset = 0
): Int32Array {
  const out = new Int32Array(sizeOf(shape))
  const coord = new Array<number>(shape.length).fill(0)
  let source = offset
  for (let flat = 0; flat < out.length; flat++) {
    out[flat] = source
    for (let k = shape.length - 1; k >= 0; k--) {
      const stride = strides[k] ?? 0
      const next = (coord[k] ?? 0) + 1
      source += stride
      if (next < (shape[k] ?? 0)) {
        coord[k] = next
        break
      }
      source -= next * stride
      coord[k] = 0
    }
  }
  return out
}

/** The same data under another shape of the same size. */
export function withShape(t: HostTensor, shape: readonly number[]): HostTensor {
  if (sizeOf(shape) !== sizeOf(t.shape)) {
    throw new Error(`Cannot reshape [${t.shape.join(',')}] to [${shape.join(',')}]`)
  }
  return { dtype: t.dtype, shape: [...shape], data: t.data }
}

function joinData(dtype: DType, parts: readonly TensorData[]): TensorData {
  const out = emptyData(
    dtype,
    parts.reduce((n, p) => n + p.length, 0)
  )
  let offset = 0
  for (const part of parts) {
    if (out instanceof BigInt64Array) out.set(part as BigInt64Array, offset)
    else out.set(part as ArrayLike<number>, offset)
    offset += part.length
  }
  return out
}

/** Concatenates constant tensors along `axis` (TF ConcatV2 on constants). */
export function concatTensors(parts: readonly HostTensor[], axis: number): HostTensor {
  const [first] = parts
  if (!first) throw new Error('Concat needs at least one tensor')
  const sameOtherDims = (t: HostTensor): boolean =>
    t.dtype === first.dtype &&
    t.shape.length === first.shape.length &&
    t.shape.every((d, i) => i === axis || d === first.shape[i])
  if (!parts.every(sameOtherDims)) throw new Error('Concat inputs do not match')
  const lengths = parts.map((t) => t.shape[axis] ?? 0)
  const shape = first.shape.map((d, i) => (i === axis ? lengths.reduce((a, b) => a + b, 0) : d))
  const outer = sizeOf(first.shape.slice(0, axis))
  const inner = sizeOf(first.shape.slice(axis + 1))
  const sources: number[] = []
  for (let o = 0; o < outer; o++) {
    let offset = 0
    parts.forEach((t, p) => {
      const block = (lengths[p] ?? 0) * inner
      for (let k = 0; k < block; k++) sources.push(offset + o * block + k)
      offset += sizeOf(t.shape)
    })
  }
  const joined: HostTensor = {
    dtype: first.dtype,
    shape: [sources.length],
    data: joinData(
      first.dtype,
      parts.map((t) => t.data)
    )
  }
  return takeElements(joined, shape, sources)
}

/** Dimension-wise union of what two static shapes say (for inputs that must agree). */
function mergeDims(a: Dims | null, b: Dims | null): Dims | null {
  if (a === null) return b
  if (b === null) return a
  return a.map((d, i) => d ?? b[i] ?? null)
}

const withInserted = (dims: Dims, at: number, value: number | null): (number | null)[] => [
  ...dims.slice(0, at),
  value,
  ...dims.slice(at)
]

/** Replaces each run of adjacent constants with one constant made by `join`. */
function joinConstantRuns(
  values: readonly Value[],
  join: (ts: HostTensor[]) => HostTensor
): Value[] {
  const out: Value[] = []
  let run: HostTensor[] = []
  const flush = (): void => {
    if (run.length > 0) out.push(constant(join(run)))
    run = []
  }
  for (const v of values) {
    if (v.kind === 'const') run.push(v.tensor)
    else {
      flush()
      out.push(v)
    }
  }
  flush()
  return out
}

function unsqueeze(ctx: EmitContext, x: Value, axes: readonly number[]): string {
  return ctx.builder.op('Unsqueeze', [ctx.name(x), ctx.int64(axes)])
}

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

export const structureOps: OpTable = {
  Shape: shape,
  Reshape: reshape,
  Transpose: transpose,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Pack: pack,
  ConcatV2: concatV2,
  BroadcastTo: broadcastTo,
  Fill: fill,
  ZerosLike: filledLike(0),
  OnesLike: filledLike(1),
  GatherV2: gatherV2,
  Range: range
}
