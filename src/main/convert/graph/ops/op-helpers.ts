import type { EmitContext } from '../context'
import type { DType, HostTensor, TensorData } from '../../host-tensor'
import { emptyData, sizeOf, toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import type { Value } from '../value'
import { constant } from '../value'

/**
 * Helpers the structural op converters share (shape-ops, combine-ops, fill-ops) and
 * strided-slice.ts uses: operand checks, axes, constant inputs, and host-side tensor assembly.
 */
export type Dims = readonly (number | null)[]

export type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N
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
export function onnxAxis(axis: number, rank: number | null, node: TfNode): number {
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
export function scalarOf(t: HostTensor, node: TfNode): number {
  const [only, ...rest] = toNumbers(t)
  if (only === undefined || rest.length > 0) {
    throw new Error(`${node.op} ${node.name}: expected a scalar, got [${t.shape.join(',')}]`)
  }
  return only
}

/** The single value of an input that must be a constant scalar (an axis). */
export function constScalar(value: Value, node: TfNode, what: string): number {
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

export function joinData(dtype: DType, parts: readonly TensorData[]): TensorData {
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
export function mergeDims(a: Dims | null, b: Dims | null): Dims | null {
  if (a === null) return b
  if (b === null) return a
  return a.map((d, i) => d ?? b[i] ?? null)
}

export const withInserted = (dims: Dims, at: number, value: number | null): (number | null)[] => [
  ...dims.slice(0, at),
  value,
  ...dims.slice(at)
]

/** Replaces each run of adjacent constants with one constant made by `join`. */
export function joinConstantRuns(
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

export function unsqueeze(ctx: EmitContext, x: Value, axes: readonly number[]): string {
  return ctx.builder.op('Unsqueeze', [ctx.name(x), ctx.int64(axes)])
}
