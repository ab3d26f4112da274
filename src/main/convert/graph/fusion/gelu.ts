import type { HostTensor } from '../../host-tensor'
import { scalar } from '../../host-tensor'
import type { EmitContext, OpConverter, OpTable } from '../context'
import { operands } from '../ops/op-helpers'
import type { TfNode } from '../tf-graph'
import { constant, dynamic, shapeOf } from '../value'
import type { GraphView, Matcher } from './pattern'
import { eitherOrder, isClose, isSelfContained, sameRef } from './pattern'

export const GELU_OP = 'LucidGelu'

/** √(2/π) and the cubic coefficient of GELU's tanh approximation. */
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI)
const CUBIC = 0.044715

/*
 * jax.nn.gelu(x, approximate=True) through jax2tf and grappler:
 *
 *   y = (0.5 · x) · (1 + Tanh(√(2/π) · (x + (0.044715 · x) · Square(x))))
 *
 * ONNX opset 17 has no Gelu. onnxruntime's FastGeluFusion (graph optimisation level "extended"
 * and above) turns exactly this op sequence into its com.microsoft FastGelu kernel:
 *
 *   Pow(x, 3) → Mul 0.044715 → Add x → Mul √(2/π) → Tanh → Add 1 → Mul (Mul(x, 0.5))
 *
 * with scalar initializers of those values and one consumer per intermediate (and not when the
 * GELU's output is the graph's output). Emitting that sequence keeps the model plain opset 17,
 * which any runtime reads, while onnxruntime runs one kernel; the formula is the same.
 */

/** Recognises the tanh-approximate GELU rooted at its final Mul. */
export const matchGelu: Matcher = (view, root) => {
  if (!view.op(root.name, 'Mul', 2)) return undefined
  return eitherOrder(root, (halfRef, onePlusRef) => {
    const half = view.op(halfRef, 'Mul', 2)
    const x = half && eitherOrder(half, (c, v) => (view.scalar(c) === 0.5 ? v : undefined))
    const onePlus = view.op(onePlusRef, 'AddV2', 2)
    const tanhRef =
      onePlus && eitherOrder(onePlus, (c, t) => (view.scalar(c) === 1 ? t : undefined))
    const tanh = tanhRef === undefined ? undefined : view.op(tanhRef, 'Tanh', 1)
    if (!half || x === undefined || !onePlus || !tanh) return undefined
    const inner = matchTanhArgument(view, tanh.inputs[0] ?? '', x)
    const absorbed = inner && [half, onePlus, tanh, ...inner]
    if (!absorbed || !isSelfContained(view, root, absorbed)) return undefined
    const node: TfNode = {
      name: root.name,
      op: GELU_OP,
      inputs: [x],
      attr: { T: { type: 'DT_FLOAT' } }
    }
    return { node, absorbed }
  })
}

/** √(2/π) · (x + (0.044715 · x) · Square(x)); returns its nodes. */
function matchTanhArgument(view: GraphView, ref: string, x: string): TfNode[] | undefined {
  const scaled = view.op(ref, 'Mul', 2)
  const sumRef =
    scaled &&
    eitherOrder(scaled, (c, s) => (isClose(view.scalar(c), SQRT_2_OVER_PI) ? s : undefined))
  const sum = sumRef === undefined ? undefined : view.op(sumRef, 'AddV2', 2)
  const cubicRef = sum && eitherOrder(sum, (v, c) => (sameRef(v, x) ? c : undefined))
  const cubic = cubicRef === undefined ? undefined : matchCubic(view, cubicRef, x)
  return scaled && sum && cubic ? [scaled, sum, ...cubic] : undefined
}

/** (0.044715 · x) · Square(x), grappler's spelling of 0.044715 · x³; returns its nodes. */
function matchCubic(view: GraphView, ref: string, x: string): TfNode[] | undefined {
  const cubic = view.op(ref, 'Mul', 2)
  if (!cubic) return undefined
  return eitherOrder(cubic, (scaledRef, squareRef) => {
    const scaled = view.op(scaledRef, 'Mul', 2)
    const square = view.op(squareRef, 'Square', 1)
    if (!scaled || !square || !sameRef(square.inputs[0] ?? '', x)) return undefined
    const isScaledX = eitherOrder(scaled, (c, v) =>
      isClose(view.scalar(c), CUBIC) && sameRef(v, x) ? true : undefined
    )
    return isScaledX ? [cubic, scaled, square] : undefined
  })
}

const f32 = (value: number): HostTensor => scalar('float32', value)
/** The scalars of FastGeluFusion's pattern, shared so each becomes one initializer. */
const coefficients = {
  three: f32(3),
  cubic: f32(CUBIC),
  sqrt2OverPi: f32(SQRT_2_OVER_PI),
  one: f32(1),
  half: f32(0.5)
}

/** Emits GELU in the op order onnxruntime's FastGeluFusion matches; returns the output name. */
function emitFastGeluPattern(x: string, ctx: EmitContext): string {
  const { builder } = ctx
  const c = (t: HostTensor): string => ctx.name(constant(t))
  const cube = builder.op('Pow', [x, c(coefficients.three)])
  const inner = builder.op('Add', [x, builder.op('Mul', [cube, c(coefficients.cubic)])])
  const tanh = builder.op('Tanh', [builder.op('Mul', [inner, c(coefficients.sqrt2OverPi)])])
  const onePlus = builder.op('Add', [tanh, c(coefficients.one)])
  return builder.op('Mul', [builder.op('Mul', [x, c(coefficients.half)]), onePlus])
}

/** LucidGelu(x) → the FastGelu-fusable op sequence. */
const gelu: OpConverter = {
  emit: (inputs, node, ctx) => {
    const [x] = operands(inputs, 1, node)
    return [dynamic(emitFastGeluPattern(ctx.name(x), ctx), 'float32', shapeOf(x))]
  }
}

export const geluOps: OpTable = { [GELU_OP]: gelu }
