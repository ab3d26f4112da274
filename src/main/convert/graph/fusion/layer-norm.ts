import type { HostTensor } from '../../host-tensor'
import { tensor, toNumbers } from '../../host-tensor'
import type { OpConverter, OpTable } from '../context'
import { operands } from '../ops/op-helpers'
import type { TfNode } from '../tf-graph'
import { attrBool, attrInt } from '../tf-graph'
import type { Value } from '../value'
import { constant, dynamic, rankOf, shapeOf } from '../value'
import type { Fusion, GraphView, Matcher } from './pattern'
import { eitherOrder, isClose, isSelfContained, sameRef } from './pattern'

export const LAYER_NORM_OP = 'LucidLayerNorm'

/*
 * jax's LayerNorm (flax.linen.LayerNorm through jax2tf, then grappler), over the last axis of an
 * x with C channels and rank N; in brackets, where the nodes sit under .../LayerNorm_x/:
 *
 *   mean  = Sum(x, N−1) · (1/C)                  [jit__mean_: Sum keep_dims=false, Mul]
 *   mean2 = Sum(Square(x), N−1) · (1/C)          [ArithmeticOptimizer/ReplaceMulWithSquare_Mul]
 *   var   = Maximum(0, mean2 − Square(mean))     [jit__lambda__]
 *   inv   = Rsqrt(Reshape(var, keepdims) + eps)  [Reshape_1, jit_fn_/AddV2, Rsqrt]
 *   y     = (x − Reshape(mean, keepdims))        [Reshape, jit__lambda__/Sub_1]
 *             · (inv · gamma) + beta             [jit_fn_/Mul_4, Mul_5, AddV2_1]
 *
 * keepdims is x's shape with a 1 for the reduced axis: a Pack of N scalars ending in the
 * constant 1 (or a constant when the exporter folded it). gamma and beta are constants of shape
 * [1, …, 1, C]. ONNX LayerNormalization(x, gamma, beta, axis=-1, epsilon=eps) computes the same
 * up to rounding: it takes E[(x − mean)²] where jax takes max(0, E[x²] − E[x]²).
 */

/** The root y = Mul(centred, factor) + beta: the affine part, with beta a constant. */
interface Affine {
  readonly scaled: TfNode
  readonly centred: TfNode
  readonly factor: TfNode
  readonly beta: string
}

/** factor = Rsqrt(…) · gamma. */
interface Factor {
  readonly rsqrt: TfNode
  readonly gamma: string
  readonly channels: number
}

/** Reshape(value, keepdims): a reduced tensor given its reduced axis back. */
interface KeepDims {
  readonly reshape: TfNode
  readonly value: string
  readonly rank: number
}

/** Sum(input, last axis) · (1/C). */
interface Mean {
  readonly nodes: readonly TfNode[]
  readonly input: string
}

/** Recognises a jax LayerNorm rooted at its final AddV2. */
export const matchLayerNorm: Matcher = (view, root) => {
  const affine = matchAffine(view, root)
  const factor = affine && matchFactor(view, affine.factor.name)
  const [x, meanKeptRef] = affine?.centred.inputs ?? []
  const meanKept = meanKeptRef === undefined ? undefined : matchKeepDims(view, meanKeptRef)
  if (!affine || !factor || x === undefined || !meanKept) return undefined
  const { channels } = factor
  const { rank } = meanKept
  const affineConstants = [factor.gamma, affine.beta].map((ref) => view.constant(ref))
  if (!affineConstants.every((t) => isChannelVector(t, channels, rank))) return undefined
  const mean = matchMean(view, meanKept.value, channels, rank)
  if (!mean || !sameRef(mean.input, x)) return undefined
  const variance = matchVariance(view, factor.rsqrt, meanKept.value, channels, rank)
  if (!variance || !sameRef(variance.input, x)) return undefined
  const absorbed = [
    affine.scaled,
    affine.centred,
    affine.factor,
    meanKept.reshape,
    ...mean.nodes,
    factor.rsqrt,
    ...variance.nodes
  ]
  if (!isSelfContained(view, root, absorbed)) return undefined
  return layerNormFusion(root, [x, factor.gamma, affine.beta], variance.epsilon, rank, absorbed)
}

/** The LucidLayerNorm node that replaces `root`, reading x, gamma and beta. */
function layerNormFusion(
  root: TfNode,
  inputs: readonly string[],
  epsilon: number,
  rank: number,
  absorbed: readonly TfNode[]
): Fusion {
  const node: TfNode = {
    name: root.name,
    op: LAYER_NORM_OP,
    inputs,
    attr: { T: { type: 'DT_FLOAT' }, epsilon: { f: epsilon }, rank: { i: rank } }
  }
  return { node, absorbed }
}

/** y = Mul(Sub(…), Mul(…)) + beta. */
function matchAffine(view: GraphView, root: TfNode): Affine | undefined {
  if (!view.op(root.name, 'AddV2', 2)) return undefined
  return eitherOrder(root, (scaledRef, beta) => {
    const scaled = view.op(scaledRef, 'Mul', 2)
    if (!scaled || !view.constant(beta)) return undefined
    return eitherOrder(scaled, (centredRef, factorRef) => {
      const centred = view.op(centredRef, 'Sub', 2)
      const factor = view.op(factorRef, 'Mul', 2)
      return centred && factor ? { scaled, centred, factor, beta } : undefined
    })
  })
}

/** factor = Rsqrt(…) · gamma, gamma a float constant whose last dimension is C. */
function matchFactor(view: GraphView, ref: string): Factor | undefined {
  const factor = view.op(ref, 'Mul', 2)
  if (!factor) return undefined
  return eitherOrder(factor, (rsqrtRef, gamma) => {
    const rsqrt = view.op(rsqrtRef, 'Rsqrt', 1)
    const channels = view.constant(gamma)?.shape.at(-1)
    return rsqrt && channels ? { rsqrt, gamma, channels } : undefined
  })
}

/** Reshape(value, keepdims) where keepdims ends in the constant 1; its length is x's rank. */
function matchKeepDims(view: GraphView, ref: string): KeepDims | undefined {
  const reshape = view.op(ref, 'Reshape', 2)
  const [value, shape] = reshape?.inputs ?? []
  if (!reshape || value === undefined || shape === undefined) return undefined
  const rank = keepDimsRank(view, shape)
  return rank === undefined ? undefined : { reshape, value, rank }
}

/** The length of a keepdims shape: a Pack on axis 0 ending in the scalar 1, or such a constant. */
function keepDimsRank(view: GraphView, ref: string): number | undefined {
  const folded = view.constant(ref)
  if (folded) {
    const dims = folded.shape.length === 1 ? toNumbers(folded) : []
    return dims.at(-1) === 1 ? dims.length : undefined
  }
  const pack = view.producer(ref)
  const last = pack?.inputs.at(-1)
  if (pack?.op !== 'Pack' || last === undefined || attrInt(pack, 'axis', 0) !== 0) return undefined
  return view.scalar(last) === 1 ? pack.inputs.length : undefined
}

/** Sum(input, last axis) · (1/C): jax's mean once grappler turned the division into a product. */
function matchMean(view: GraphView, ref: string, channels: number, rank: number): Mean | undefined {
  const mul = view.op(ref, 'Mul', 2)
  if (!mul) return undefined
  return eitherOrder(mul, (sumRef, reciprocal) => {
    const sum = view.op(sumRef, 'Sum', 2)
    const [input, axis] = sum?.inputs ?? []
    if (!sum || input === undefined || axis === undefined) return undefined
    if (attrBool(sum, 'keep_dims') || !isLastAxis(view.scalar(axis), rank)) return undefined
    return isClose(view.scalar(reciprocal), 1 / channels) ? { nodes: [mul, sum], input } : undefined
  })
}

/** The variance branch: the nodes it takes, the x it reads and the epsilon it adds. */
interface Variance {
  readonly nodes: readonly TfNode[]
  readonly input: string
  readonly epsilon: number
}

/**
 * Rsqrt(Reshape(Maximum(0, mean2 − Square(mean)), keepdims) + eps), where mean2 is the mean of
 * Square(x) and `mean` is the mean the centring subtracts.
 */
function matchVariance(
  view: GraphView,
  rsqrt: TfNode,
  mean: string,
  channels: number,
  rank: number
): Variance | undefined {
  const shifted = view.op(rsqrt.inputs[0] ?? '', 'AddV2', 2)
  const parts =
    shifted &&
    eitherOrder(shifted, (kept, eps) => {
      const keepDims = matchKeepDims(view, kept)
      const epsilon = view.scalar(eps)
      return keepDims && epsilon !== undefined && epsilon > 0 ? { keepDims, epsilon } : undefined
    })
  if (!shifted || parts?.keepDims.rank !== rank) return undefined
  const clamped = matchClampedDifference(view, parts.keepDims.value, mean)
  const mean2 = clamped && matchMean(view, clamped.meanOfSquares, channels, rank)
  const xSquared = mean2 && view.op(mean2.input, 'Square', 1)
  if (!clamped || !mean2 || !xSquared) return undefined
  return {
    nodes: [shifted, parts.keepDims.reshape, ...clamped.nodes, ...mean2.nodes, xSquared],
    input: xSquared.inputs[0] ?? '',
    epsilon: parts.epsilon
  }
}

/** Maximum(0, meanOfSquares − Square(mean)): E[x²] − E[x]², clamped at 0. */
function matchClampedDifference(
  view: GraphView,
  ref: string,
  mean: string
): { readonly nodes: readonly TfNode[]; readonly meanOfSquares: string } | undefined {
  const clamped = view.op(ref, 'Maximum', 2)
  const diff =
    clamped && eitherOrder(clamped, (zero, d) => (view.scalar(zero) === 0 ? d : undefined))
  const sub = diff === undefined ? undefined : view.op(diff, 'Sub', 2)
  const [meanOfSquares, squaredMean] = sub?.inputs ?? []
  const square = squaredMean === undefined ? undefined : view.op(squaredMean, 'Square', 1)
  if (!clamped || !sub || !square || meanOfSquares === undefined) return undefined
  if (!sameRef(square.inputs[0] ?? '', mean)) return undefined
  return { nodes: [clamped, sub, square], meanOfSquares }
}

function isLastAxis(axis: number | undefined, rank: number): boolean {
  return axis === -1 || axis === rank - 1
}

/** A float constant [1, …, 1, C] of rank at most `rank`: it broadcasts along x's last axis. */
function isChannelVector(t: HostTensor | undefined, channels: number, rank: number): boolean {
  if (t?.dtype !== 'float32' || t.shape.length > rank || t.shape.at(-1) !== channels) return false
  return t.shape.slice(0, -1).every((d) => d === 1)
}

/** A [1, …, 1, C] constant as the [C] vector LayerNormalization takes. */
function channelVector(value: Value | undefined, node: TfNode): HostTensor {
  if (value?.kind !== 'const') throw new Error(`${node.name}: gamma and beta must be constants`)
  const channels = value.tensor.shape.at(-1) ?? 1
  return tensor('float32', [channels], value.tensor.data)
}

/**
 * Re-checks what matching could not see: the shapes. The pattern fixed x's rank (the keepdims
 * length) and channels (gamma's); a graph breaking either would not be a LayerNorm.
 */
function checkInput(x: Value, node: TfNode, channels: number): void {
  const rank = rankOf(x)
  const last = shapeOf(x)?.at(-1) ?? null
  const expected = attrInt(node, 'rank')
  if ((rank !== null && rank !== expected) || (last !== null && last !== channels)) {
    throw new Error(
      `${node.name}: fused LayerNorm expects rank ${expected} with ${channels} channels, ` +
        `got [${String(shapeOf(x))}]`
    )
  }
}

/** LucidLayerNorm(x, gamma, beta) → ONNX LayerNormalization over the last axis. */
const layerNorm: OpConverter = {
  emit: (inputs, node, ctx) => {
    const [x, gamma, beta] = operands(inputs, 3, node)
    const scale = channelVector(gamma, node)
    const bias = channelVector(beta, node)
    checkInput(x, node, scale.shape[0] ?? 0)
    const epsilon = node.attr.epsilon?.f ?? 0
    const name = ctx.builder.op(
      'LayerNormalization',
      [ctx.name(x), ctx.name(constant(scale)), ctx.name(constant(bias))],
      { axis: -1, epsilon: { float: epsilon } }
    )
    return [dynamic(name, 'float32', shapeOf(x))]
  }
}

export const layerNormOps: OpTable = { [LAYER_NORM_OP]: layerNorm }
