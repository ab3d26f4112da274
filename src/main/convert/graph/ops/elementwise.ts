import { broadcastIndex, broadcastShapes } from '../broadcast'
import type { EmitContext, OpConverter, OpTable } from '../context'
import { castTensor } from '../context'
import type { DType, HostTensor } from '../../host-tensor'
import { sizeOf, tensor, toNumbers } from '../../host-tensor'
import { onnxElementType } from '../../onnx-builder'
import type { TfNode } from '../tf-graph'
import { attrType } from '../tf-graph'
import type { Value } from '../value'
import { constant, dtypeFromTf, dtypeOf, dynamic, shapeOf } from '../value'

/**
 * An element-wise op with NumPy/TF broadcasting over all of its inputs.
 */
export interface ElementwiseSpec {
  readonly arity: number
  /**
   * Folds one output element from the input elements. Results are stored in the output's typed
   * array, so float32 results round to float32 and int32 results wrap like TF's; `compute` must
   * only keep intermediate values exact (Math.imul for int32 products).
   */
  readonly compute: (args: readonly number[], dtype: DType) => number
  /** Emits ONNX for dynamic inputs; returns the output's ONNX name. */
  readonly emit: (inputs: readonly Value[], ctx: EmitContext, dtype: DType) => string
  /** The output dtype; defaults to the data dtype (comparisons return bool). */
  readonly outDtype?: DType
  /** The input whose dtype is the op's data dtype (SelectV2's input 0 is its bool condition). */
  readonly dataInput?: number
}

export function elementwiseOp(spec: ElementwiseSpec): OpConverter {
  const dataInput = spec.dataInput ?? 0
  return {
    fold: (inputs, node) => {
      const dtype = checkArity(inputs, spec.arity, node)[dataInput]?.dtype ?? 'float32'
      return [foldElementwise(inputs, (args) => spec.compute(args, dtype), spec.outDtype ?? dtype)]
    },
    emit: (inputs, node, ctx) => {
      const data = checkArity(inputs, spec.arity, node)[dataInput]
      const dtype = data ? dtypeOf(data) : 'float32'
      const shape = inputs.map(shapeOf).reduce((a, b) => broadcastShapes(a, b))
      return [dynamic(spec.emit(inputs, ctx, dtype), spec.outDtype ?? dtype, shape)]
    }
  }
}

function checkArity<T>(inputs: readonly T[], arity: number, node: TfNode): readonly T[] {
  if (inputs.length !== arity)
    throw new Error(`${node.name}: ${node.op} needs ${arity} inputs, got ${inputs.length}`)
  return inputs
}

/** Computes a broadcast element-wise result on the host. */
function foldElementwise(
  inputs: readonly HostTensor[],
  compute: (args: readonly number[]) => number,
  dtype: DType
): HostTensor {
  const shape = inputs.map((t) => t.shape).reduce((a, b) => broadcastShapes(a, b) as number[])
  const sources = inputs.map((t) => ({
    values: t.data instanceof BigInt64Array ? toNumbers(t) : t.data,
    index: broadcastIndex(shape, t.shape)
  }))
  const out = new Float64Array(sizeOf(shape))
  const args = new Array<number>(inputs.length).fill(0)
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < sources.length; k++) {
      const source = sources[k]
      args[k] = source ? (source.values[source.index[i] ?? 0] ?? 0) : 0
    }
    out[i] = compute(args)
  }
  // Storing into the dtype's typed array rounds float32 and wraps int32, as TF's arithmetic does.
  return tensor(dtype, shape, out)
}

/** Emits one ONNX node over the inputs' names. */
function onnxNode(
  onnxOp: string,
  attrs: Readonly<Record<string, number>> = {}
): ElementwiseSpec['emit'] {
  return (inputs, ctx) =>
    ctx.builder.op(
      onnxOp,
      inputs.map((v) => ctx.name(v)),
      attrs
    )
}

/**
 * A broadcasting binary op mapped to one ONNX op. `outDtype` defaults to the inputs' dtype
 * (comparisons return bool).
 */
export function binaryOp(
  onnxOp: string,
  compute: (a: number, b: number, dtype: DType) => number,
  outDtype?: DType
): OpConverter {
  return elementwiseOp({
    arity: 2,
    compute: ([a = 0, b = 0], dtype) => compute(a, b, dtype),
    emit: onnxNode(onnxOp),
    outDtype
  })
}

/** A unary op mapped to one ONNX op. */
export function unaryOp(onnxOp: string, compute: (x: number, dtype: DType) => number): OpConverter {
  return elementwiseOp({
    arity: 1,
    compute: ([x = 0], dtype) => compute(x, dtype),
    emit: onnxNode(onnxOp)
  })
}

/** A comparison: TF and ONNX both return bool. */
function comparison(onnxOp: string, compare: (a: number, b: number) => boolean): OpConverter {
  return binaryOp(onnxOp, (a, b) => Number(compare(a, b)), 'bool')
}

const isInt = (dtype: DType): boolean => dtype === 'int32' || dtype === 'int64'

/** a·b with int32 wrap-around (a plain double product loses low bits past 2^53). */
const multiply = (a: number, b: number, dtype: DType): number =>
  dtype === 'int32' ? Math.imul(a, b) : a * b

/**
 * TF FloorDiv: ⌊a / b⌋ (Python semantics) for ints and floats. Float division rounds to float32
 * before flooring, as TF computes it; int32 a / b is exact enough in double for the floor.
 */
const floorDiv = (a: number, b: number, dtype: DType): number =>
  Math.floor(isInt(dtype) ? a / b : Math.fround(a / b))

/** TF FloorMod: the remainder takes the divisor's sign (fmod, then + b when the signs differ). */
function floorMod(a: number, b: number): number {
  const r = a % b
  return r !== 0 && r < 0 !== b < 0 ? r + b : r
}

/**
 * FloorDiv. Floats: Floor(Div). Ints: ONNX Div truncates, so divide a - (a mod b) = b·⌊a/b⌋,
 * which b divides exactly; computed in int64 so that product cannot overflow.
 */
function emitFloorDiv([a, b]: readonly Value[], ctx: EmitContext, dtype: DType): string {
  if (!a || !b) throw new Error('FloorDiv needs two inputs')
  const { builder } = ctx
  if (!isInt(dtype)) return builder.op('Floor', [builder.op('Div', [ctx.name(a), ctx.name(b)])])
  const a64 = ctx.nameAs(a, 'int64')
  const b64 = ctx.nameAs(b, 'int64')
  const multiple = builder.op('Sub', [a64, builder.op('Mod', [a64, b64], { fmod: 0 })])
  const quotient = builder.op('Div', [multiple, b64])
  return dtype === 'int64'
    ? quotient
    : builder.op('Cast', [quotient], { to: onnxElementType[dtype] })
}

/**
 * FloorMod. Ints: ONNX Mod with fmod=0 has the divisor's sign already. Floats (ONNX requires
 * fmod=1 there): r = fmod(a, b), plus b where r and b have opposite signs, exactly as TF does.
 */
function emitFloorMod([a, b]: readonly Value[], ctx: EmitContext, dtype: DType): string {
  if (!a || !b) throw new Error('FloorMod needs two inputs')
  const { builder } = ctx
  const [x, y] = [ctx.name(a), ctx.name(b)]
  if (isInt(dtype)) return builder.op('Mod', [x, y], { fmod: 0 })
  const r = builder.op('Mod', [x, y], { fmod: 1 })
  // sign(r)·sign(b) < 0 exactly when r ≠ 0 and the signs differ (r·b itself could underflow).
  const signs = builder.op('Mul', [builder.op('Sign', [r]), builder.op('Sign', [y])])
  const differ = builder.op('Less', [signs, ctx.name(constant(zero(dtype)))])
  return builder.op('Where', [differ, builder.op('Add', [r, y]), r])
}

const zero = (dtype: DType): HostTensor => tensor(dtype, [], [0])

/** TF NotEqual; ONNX has no NotEqual, so Not(Equal). */
const notEqual = elementwiseOp({
  arity: 2,
  compute: ([a, b]) => Number(a !== b),
  emit: (inputs, ctx) => ctx.builder.op('Not', [onnxNode('Equal')(inputs, ctx, 'bool')]),
  outDtype: 'bool'
})

/** TF Square as Mul(x, x), which rounds exactly like TF (ONNX Pow may not). */
const square = elementwiseOp({
  arity: 1,
  compute: ([x = 0], dtype) => multiply(x, x, dtype),
  emit: ([x], ctx) => {
    const name = ctx.name(x ?? missing('Square'))
    return ctx.builder.op('Mul', [name, name])
  }
})

/** TF Rsqrt as Reciprocal(Sqrt(x)): two float32 roundings, within an ulp or so of TF's. */
const rsqrt = elementwiseOp({
  arity: 1,
  compute: ([x = 0]) => 1 / Math.sqrt(x),
  emit: (inputs, ctx) => ctx.builder.op('Reciprocal', [onnxNode('Sqrt')(inputs, ctx, 'float32')])
})

/** TF SelectV2: Where(cond, a, b) with three-way broadcasting, like ONNX Where. */
const selectV2 = elementwiseOp({
  arity: 3,
  compute: ([cond = 0, a = 0, b = 0]) => (cond !== 0 ? a : b),
  emit: onnxNode('Where'),
  dataInput: 1
})

/**
 * TF Cast. Float → int truncates toward zero in TF, ONNX Cast and castTensor alike; anything →
 * bool is "non-zero". `Truncate` only matters between float widths, which we do not have.
 */
const cast: OpConverter = {
  fold: ([x], node) => [castTensor(x ?? missing(node.name), castTarget(node))],
  emit: ([x], node, ctx) => {
    const value = x ?? missing(node.name)
    const dtype = castTarget(node)
    return [dynamic(ctx.nameAs(value, dtype), dtype, shapeOf(value))]
  }
}

const castTarget = (node: TfNode): DType => dtypeFromTf(attrType(node, 'DstT'))

function missing(what: string): never {
  throw new Error(`${what}: missing input`)
}

export const elementwiseOps: OpTable = {
  AddV2: binaryOp('Add', (a, b) => a + b),
  Sub: binaryOp('Sub', (a, b) => a - b),
  Mul: binaryOp('Mul', multiply),
  RealDiv: binaryOp('Div', (a, b) => a / b),
  Maximum: binaryOp('Max', (a, b) => Math.max(a, b)),
  Minimum: binaryOp('Min', (a, b) => Math.min(a, b)),
  FloorDiv: elementwiseOp({
    arity: 2,
    compute: ([a = 0, b = 0], dtype) => floorDiv(a, b, dtype),
    emit: emitFloorDiv
  }),
  FloorMod: elementwiseOp({
    arity: 2,
    compute: ([a = 0, b = 0]) => floorMod(a, b),
    emit: emitFloorMod
  }),
  Greater: comparison('Greater', (a, b) => a > b),
  GreaterEqual: comparison('GreaterOrEqual', (a, b) => a >= b),
  Less: comparison('Less', (a, b) => a < b),
  LessEqual: comparison('LessOrEqual', (a, b) => a <= b),
  Equal: comparison('Equal', (a, b) => a === b),
  NotEqual: notEqual,
  LogicalAnd: binaryOp('And', (a, b) => Number(a !== 0 && b !== 0), 'bool'),
  SelectV2: selectV2,
  Square: square,
  Rsqrt: rsqrt,
  Reciprocal: unaryOp('Reciprocal', (x) => 1 / x),
  Tanh: unaryOp('Tanh', Math.tanh),
  Abs: unaryOp('Abs', Math.abs),
  Neg: unaryOp('Neg', (x) => -x),
  Exp: unaryOp('Exp', Math.exp),
  Floor: unaryOp('Floor', Math.floor),
  Sign: unaryOp('Sign', Math.sign),
  Cast: cast
}
