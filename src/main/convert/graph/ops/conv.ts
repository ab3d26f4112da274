import type { AttributeValue } from '../../onnx-builder'
import type { EmitContext, OpConverter, OpTable } from '../context'
import type { HostTensor } from '../../host-tensor'
import { emptyData, sizeOf, toNumbers } from '../../host-tensor'
import { stridesOf } from '../broadcast'
import type { TfNode } from '../tf-graph'
import { attrInts, attrString } from '../tf-graph'
import type { Value } from '../value'
import { constant, dynamic, shapeOf } from '../value'

/*
 * TF convolutions are NHWC with HWIO filters; ONNX's are NCHW with OIHW weights. Each conv is
 * emitted as Transpose(NHWC→NCHW) → Conv → Transpose(NCHW→NHWC) with nothing in between, so
 * onnxruntime's transpose optimizer cancels the pairs between consecutive convs. Filters are
 * permuted here, once, when they are constants.
 */

/** NHWC → NCHW: out[n, c, h, w] = in[n, h, w, c]. */
export const NHWC_TO_NCHW = [0, 3, 1, 2] as const
/** NCHW → NHWC: out[n, h, w, c] = in[n, c, h, w]. */
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const
/**
 * TF filter [kh, kw, a, b] → ONNX [b, a, kh, kw]. For Conv2D (a = in, b = out) this is ONNX
 * Conv's [out, in, kh, kw]. For Conv2DBackpropInput, whose filter is the forward conv's
 * [kh, kw, fwd_in = this op's out, fwd_out = this op's in], it is ONNX ConvTranspose's
 * [this op's in, this op's out, kh, kw]: ConvTranspose is the adjoint of Conv with the same
 * weight tensor, exactly as Conv2DBackpropInput is the adjoint of Conv2D (no kernel flip).
 */
export const HWIO_TO_OIHW = [3, 2, 0, 1] as const

type Shape = readonly (number | null)[]

/** `shape` permuted: out[i] = shape[perm[i]]. */
export function permuteShape(shape: Shape, perm: readonly number[]): (number | null)[] {
  return perm.map((axis) => shape[axis] ?? null)
}

/** Element access common to every TensorData type. */
type Indexable = { [i: number]: number | bigint }

/** A constant transposed at conversion time (ONNX Transpose semantics: out axis i = in axis perm[i]). */
export function permuteTensor(t: HostTensor, perm: readonly number[]): HostTensor {
  const shape = perm.map((axis) => t.shape[axis] ?? 1)
  const inStrides = stridesOf(t.shape)
  const outStrides = stridesOf(shape)
  const data = emptyData(t.dtype, sizeOf(shape))
  const source = t.data as Indexable
  const target = data as Indexable
  for (let flat = 0; flat < data.length; flat++) {
    let rest = flat
    let from = 0
    for (let axis = 0; axis < shape.length; axis++) {
      const stride = outStrides[axis] ?? 1
      const coord = Math.floor(rest / stride)
      rest -= coord * stride
      from += coord * (inStrides[perm[axis] ?? 0] ?? 0)
    }
    target[flat] = source[from] ?? 0
  }
  return { dtype: t.dtype, shape, data }
}

/** Permuted copies of constants, so a weight used twice becomes one initializer. */
const permuted = new WeakMap<HostTensor, Map<string, HostTensor>>()

/**
 * `value` transposed by `perm`: a constant is permuted here (cached per source tensor), a
 * dynamic value gets an ONNX Transpose.
 */
export function transposed(ctx: EmitContext, value: Value, perm: readonly number[]): Value {
  if (value.kind === 'const') {
    const byPerm = permuted.get(value.tensor) ?? new Map<string, HostTensor>()
    permuted.set(value.tensor, byPerm)
    const key = perm.join()
    const cached = byPerm.get(key) ?? permuteTensor(value.tensor, perm)
    byPerm.set(key, cached)
    return constant(cached)
  }
  const name = ctx.builder.op('Transpose', [value.name], { perm: [...perm] })
  return dynamic(name, value.dtype, value.shape && permuteShape(value.shape, perm))
}

type Padding = 'SAME' | 'VALID' | 'EXPLICIT'

/** The spatial (H, W) settings of a TF 2-D convolution. */
interface ConvGeometry {
  readonly padding: Padding
  readonly strides: readonly [number, number]
  readonly dilations: readonly [number, number]
  /** EXPLICIT padding per spatial axis as [begin, end]; zeros otherwise. */
  readonly explicit: readonly [readonly [number, number], readonly [number, number]]
}

/** [N, H, W, C] attribute list → [H, W], checking that batch and channel entries are 1. */
function spatialPair(node: TfNode, name: string): [number, number] {
  const values = attrInts(node, name, [1, 1, 1, 1])
  const [n, h, w, c] = values
  if (values.length !== 4 || n !== 1 || c !== 1 || h === undefined || w === undefined)
    throw new Error(`${node.op} ${node.name}: unsupported ${name} [${values.join(',')}]`)
  return [h, w]
}

function convGeometry(node: TfNode): ConvGeometry {
  const format = attrString(node, 'data_format', 'NHWC')
  if (format !== 'NHWC') throw new Error(`${node.op} ${node.name}: only NHWC is supported`)
  const padding = attrString(node, 'padding')
  if (padding !== 'SAME' && padding !== 'VALID' && padding !== 'EXPLICIT')
    throw new Error(`${node.op} ${node.name}: unsupported padding ${padding}`)
  // explicit_paddings is NHWC [nb, ne, hb, he, wb, we, cb, ce].
  const list = attrInts(node, 'explicit_paddings', [])
  const at = (i: number): number => (padding === 'EXPLICIT' ? (list[i] ?? 0) : 0)
  return {
    padding,
    strides: spatialPair(node, 'strides'),
    dilations: spatialPair(node, 'dilations'),
    explicit: [
      [at(2), at(3)],
      [at(4), at(5)]
    ]
  }
}

/** The extent of a dilated kernel: (k - 1)·d + 1. */
const effectiveKernel = (k: number, d: number): number => (k - 1) * d + 1

/**
 * The forward conv's [begin, end] padding along one spatial axis. TF SAME pads
 * total = max((ceil(in / s) - 1)·s + k_eff - in, 0) with the odd pixel at the end, which is
 * also ONNX's SAME_UPPER. With stride 1 the total is k_eff - 1 whatever `in` is; otherwise it
 * needs `in`, and null means "not known statically".
 */
function axisPads(
  geometry: ConvGeometry,
  axis: 0 | 1,
  inSize: number | null,
  kEff: number
): [number, number] | null {
  if (geometry.padding === 'VALID') return [0, 0]
  if (geometry.padding === 'EXPLICIT') return [...geometry.explicit[axis]]
  const s = geometry.strides[axis]
  if (inSize === null && s !== 1) return null
  const total =
    inSize === null ? kEff - 1 : Math.max((Math.ceil(inSize / s) - 1) * s + kEff - inSize, 0)
  const begin = Math.floor(total / 2)
  return [begin, total - begin]
}

/** Forward conv output size: floor((in + pads - k_eff) / s) + 1. */
function convOutSize(
  inSize: number | null,
  pads: readonly [number, number] | null,
  kEff: number,
  stride: number
): number | null {
  if (inSize === null || pads === null) return null
  return Math.floor((inSize + pads[0] + pads[1] - kEff) / stride) + 1
}

/** A rank-4 static shape (dims may be null); throws when the rank is not 4. */
function rank4(node: TfNode, what: string, value: Value): Shape {
  const shape = shapeOf(value)
  if (shape?.length !== 4)
    throw new Error(`${node.op} ${node.name}: ${what} must be rank 4, got [${shape?.join(',')}]`)
  return shape
}

/** The filter's [kh, kw], which must be static (they set the ONNX kernel_shape and pads). */
function kernelSize(node: TfNode, filter: Shape): [number, number] {
  const [kh, kw] = filter
  if (typeof kh !== 'number' || typeof kw !== 'number')
    throw new Error(`${node.op} ${node.name}: the filter's spatial size must be static`)
  return [kh, kw]
}

/**
 * Conv2D (NHWC, HWIO filter) → Transpose → Conv (NCHW, OIHW) → Transpose. Pads are explicit
 * when they can be computed statically, else auto_pad SAME_UPPER (TF's SAME convention).
 */
function emitConv2D(inputs: readonly Value[], node: TfNode, ctx: EmitContext): Value[] {
  const [x, filter] = inputs
  if (!x || !filter) throw new Error(`${node.name}: Conv2D needs an input and a filter`)
  const geometry = convGeometry(node)
  const [n = null, h = null, w = null] = rank4(node, 'input', x)
  const fShape = rank4(node, 'filter', filter)
  const [kh, kw] = kernelSize(node, fShape)
  const [cin = null, cout = null] = fShape.slice(2)
  const channels = shapeOf(x)?.[3] ?? null
  if (channels !== null && cin !== null && channels !== cin)
    throw new Error(
      `${node.name}: grouped Conv2D (${channels} channels, filter ${cin}) is unsupported`
    )
  const kEffH = effectiveKernel(kh, geometry.dilations[0])
  const kEffW = effectiveKernel(kw, geometry.dilations[1])
  const padH = axisPads(geometry, 0, h, kEffH)
  const padW = axisPads(geometry, 1, w, kEffW)
  // ONNX pads are [h_begin, w_begin, h_end, w_end].
  const padAttrs: Record<string, AttributeValue> =
    padH && padW ? { pads: [padH[0], padW[0], padH[1], padW[1]] } : { auto_pad: 'SAME_UPPER' }

  const { builder } = ctx
  const xNchw = builder.op('Transpose', [ctx.name(x)], { perm: [...NHWC_TO_NCHW] })
  const weight = ctx.name(transposed(ctx, filter, HWIO_TO_OIHW))
  const y = builder.op('Conv', [xNchw, weight], {
    kernel_shape: [kh, kw],
    strides: [...geometry.strides],
    dilations: [...geometry.dilations],
    group: 1,
    ...padAttrs
  })
  const out = builder.op('Transpose', [y], { perm: [...NCHW_TO_NHWC] })
  const oh = convOutSize(h, padH, kEffH, geometry.strides[0])
  const ow = convOutSize(w, padW, kEffW, geometry.strides[1])
  ctx.countMacs([n, oh, ow, cout, kh, kw, cin])
  return [
    dynamic(out, 'float32', [
      n,
      convOutSize(h, padH, kEffH, geometry.strides[0]),
      convOutSize(w, padW, kEffW, geometry.strides[1]),
      cout
    ])
  ]
}

/**
 * ConvTranspose settings that reproduce Conv2DBackpropInput exactly along one axis. The full
 * transposed conv of `in` pixels is s·(in - 1) + k_eff long; the forward conv's padding is
 * cropped off ([begin, end] = ONNX pads) and output_padding zeros are added at the end, so
 * out = s·(in - 1) + k_eff - begin - end + output_padding. (VALID, stride 2: the forward conv
 * ignored the last row of an odd-sized input, whose gradient is that zero row.)
 */
function transposeAxis(
  node: TfNode,
  geometry: ConvGeometry,
  axis: 0 | 1,
  k: number,
  inSize: number,
  outSize: number
): { pads: [number, number]; outputPadding: number } {
  const kEff = effectiveKernel(k, geometry.dilations[axis])
  const pads = axisPads(geometry, axis, outSize, kEff) ?? [0, 0]
  const outputPadding = outSize - (geometry.strides[axis] * (inSize - 1) + kEff - pads[0] - pads[1])
  if (
    outputPadding < 0 ||
    outputPadding >= Math.max(geometry.strides[axis], geometry.dilations[axis])
  )
    throw new Error(`${node.name}: input_sizes ${outSize} do not match out_backprop size ${inSize}`)
  return { pads, outputPadding }
}

/**
 * Conv2DBackpropInput(input_sizes, filter, out_backprop) → Transpose → ConvTranspose →
 * Transpose. With constant input_sizes and a static out_backprop the output size is set with
 * pads and output_padding. Otherwise (VALID or EXPLICIT only: their pads do not depend on the
 * size) the ConvTranspose output is zero-padded at the bottom/right up to input_sizes at run
 * time, which is what output_padding would have done.
 */
function emitConv2DBackpropInput(
  inputs: readonly Value[],
  node: TfNode,
  ctx: EmitContext
): Value[] {
  const [sizes, filter, dy] = inputs
  if (!sizes || !filter || !dy) throw new Error(`${node.name}: Conv2DBackpropInput needs 3 inputs`)
  const geometry = convGeometry(node)
  const [n = null, h = null, w = null] = rank4(node, 'out_backprop', dy)
  const fShape = rank4(node, 'filter', filter)
  const [kh, kw] = kernelSize(node, fShape)
  const target = sizes.kind === 'const' ? toNumbers(sizes.tensor) : null
  if (target && target.length !== 4)
    throw new Error(`${node.name}: input_sizes must have 4 values, got [${target.join(',')}]`)

  const attrs = {
    kernel_shape: [kh, kw],
    strides: [...geometry.strides],
    dilations: [...geometry.dilations],
    group: 1
  }
  const { builder } = ctx
  const convTranspose = (extra: Record<string, number[]>): string => {
    const dyNchw = builder.op('Transpose', [ctx.name(dy)], { perm: [...NHWC_TO_NCHW] })
    const weight = ctx.name(transposed(ctx, filter, HWIO_TO_OIHW))
    const y = builder.op('ConvTranspose', [dyNchw, weight], { ...attrs, ...extra })
    return builder.op('Transpose', [y], { perm: [...NCHW_TO_NHWC] })
  }

  const [, outH = 0, outW = 0] = target ?? []
  // Each input pixel scatters a kh×kw×C_out patch for each of its C_in channels.
  ctx.countMacs([n, h, w, kh, kw, fShape[2] ?? null, fShape[3] ?? null])
  if (target && h !== null && w !== null) {
    const axisH = transposeAxis(node, geometry, 0, kh, h, outH)
    const axisW = transposeAxis(node, geometry, 1, kw, w, outW)
    const out = convTranspose({
      pads: [axisH.pads[0], axisW.pads[0], axisH.pads[1], axisW.pads[1]],
      output_padding: [axisH.outputPadding, axisW.outputPadding]
    })
    return [dynamic(out, 'float32', target)]
  }
  if (geometry.padding === 'SAME')
    throw new Error(
      `${node.name}: Conv2DBackpropInput with SAME padding needs constant input_sizes and a ` +
        'static out_backprop shape (its padding depends on the output size); convert with a ' +
        'fixed input shape'
    )
  const [[hb, he], [wb, we]] = geometry.explicit
  const full = convTranspose({ pads: [hb, wb, he, we] })
  const out = padToInputSizes(ctx, full, sizes)
  return [dynamic(out, 'float32', target ?? [n, null, null, fShape[2] ?? null])]
}

/**
 * Zero-pads an NHWC tensor at the bottom/right up to input_sizes[1..2], computed at run time:
 * pads = [0, 0, 0, 0,  0, H - h, W - w, 0] (ONNX Pad: all begins, then all ends).
 */
function padToInputSizes(ctx: EmitContext, x: string, sizes: Value): string {
  const { builder } = ctx
  const wanted = builder.op('Slice', [ctx.nameAs(sizes, 'int64'), ctx.int64([1]), ctx.int64([3])])
  const actual = builder.op('Shape', [x], { start: 1, end: 3 })
  const extra = builder.op('Sub', [wanted, actual])
  const pads = builder.op('Concat', [ctx.int64([0, 0, 0, 0, 0]), extra, ctx.int64([0])], {
    axis: 0
  })
  return builder.op('Pad', [x, pads])
}

const conv2D: OpConverter = { emit: emitConv2D }
const conv2DBackpropInput: OpConverter = { emit: emitConv2DBackpropInput }

export const convOps: OpTable = {
  Conv2D: conv2D,
  Conv2DBackpropInput: conv2DBackpropInput
}
