import type { EmitContext, OpTable } from '../context'
import type { TfNode } from '../tf-graph'
import { attrString } from '../tf-graph'
import type { Value } from '../value'
import { dtypeOf, dynamic, isStaticShape, shapeOf } from '../value'
import { transposed } from './conv'

/*
 * TF Einsum → MatMul where the equation is one of the patterns below (onnxruntime's MatMul is
 * much faster than its Einsum kernel), ONNX Einsum otherwise. Patterns are matched on the
 * canonical equation, whose letters are renamed in order of first appearance, so
 * 'abcg,gf->abcf' and 'nhwc,cd->nhwd' are the same pattern 'abcd,de->abce'.
 */

type Shape = readonly (number | null)[]

/** A lowering: the operands in equation order → the ONNX name of the result. */
type Lowering = (operands: readonly [Value, Value], ctx: EmitContext) => string

/** Renames letters in order of first appearance: 'gb,cgef->bcef' → 'ab,cade->bcde'. */
export function canonicalEquation(equation: string): string {
  const names = new Map<string, string>()
  return equation.replace(/[A-Za-z]/g, (letter) => {
    const known = names.get(letter)
    if (known) return known
    const renamed = String.fromCharCode(97 + names.size)
    names.set(letter, renamed)
    return renamed
  })
}

/**
 * The static output shape of an explicit equation ('…->…'), null dims where unknown; null when
 * the equation is implicit or uses '...'. Throws when an operand's rank does not match.
 */
export function einsumShape(equation: string, shapes: readonly (Shape | null)[]): Shape | null {
  const [lhs = '', output] = equation.split('->')
  if (output === undefined || equation.includes('.')) return null
  const dims = new Map<string, number | null>()
  lhs.split(',').forEach((term, i) => {
    const shape = shapes[i]
    if (shape && shape.length !== term.length)
      throw new Error(
        `Einsum ${equation}: operand ${i} has rank ${shape.length}, not ${term.length}`
      )
    Array.from(term).forEach((letter, axis) => {
      const dim = shape?.[axis] ?? null
      if ((dims.get(letter) ?? null) === null) dims.set(letter, dim)
    })
  })
  return Array.from(output, (letter) => dims.get(letter) ?? null)
}

/**
 * 'abcg,gf->abcf' (canonical 'abcd,de->abce'): a dense layer on the last axis.
 * out[a,b,c,f] = Σ_g x[a,b,c,g] · W[g,f] is MatMul(x, W): MatMul contracts x's last axis with
 * W's first and broadcasts W over the leading [a, b].
 */
const matmulLastAxis: Lowering = ([x, w], ctx) =>
  ctx.builder.op('MatMul', [ctx.name(x), ctx.name(w)])

/**
 * 'abgd,gf->abdf' (canonical 'abcd,ce->abde'): a dense layer on the third axis.
 * With xt = Transpose(x, [0,1,3,2]), xt[a,b,d,g] = x[a,b,g,d], so
 * out[a,b,d,f] = Σ_g xt[a,b,d,g] · W[g,f] = MatMul(xt, W).
 */
const matmulThirdAxis: Lowering = ([x, w], ctx) => {
  const xt = transposed(ctx, x, [0, 1, 3, 2])
  return ctx.builder.op('MatMul', [ctx.name(xt), ctx.name(w)])
}

/**
 * 'gb,cgef->bcef' (canonical 'ab,cade->bcde'): a matrix applied along x's second axis.
 * out[b,c,e,f] = Σ_g A[g,b] · x[c,g,e,f]. Bring g to the front and flatten the rest:
 *   xg = Reshape(Transpose(x, [1,0,2,3]), [g, c·e·f]),  xg[g, (c,e,f)] = x[c,g,e,f]
 *   y  = MatMul(Aᵀ, xg),  y[b, (c,e,f)] = Σ_g A[g,b] · x[c,g,e,f]
 *   out = Reshape(y, [b, c, e, f])
 * One GEMM, [b × g]·[g × c·e·f]; Aᵀ is computed here when A is constant, and the Transpose
 * only moves the batch axis c (no data movement when c = 1).
 */
const matmulLeadingMatrix: Lowering = ([a, x], ctx) => {
  const { builder } = ctx
  const at = ctx.name(transposed(ctx, a, [1, 0]))
  const xg = builder.op('Reshape', [ctx.name(transposed(ctx, x, [1, 0, 2, 3])), ctx.int64([0, -1])])
  const y = builder.op('MatMul', [at, xg])
  return builder.op('Reshape', [y, keepFirstThenEf(ctx, x)])
}

/**
 * The Reshape target [0 (copy b), -1 (c), e, f] for `matmulLeadingMatrix`, with e and f read
 * from x's shape at run time when they are not static.
 */
function keepFirstThenEf(ctx: EmitContext, x: Value): string {
  const ef = shapeOf(x)?.slice(2) ?? null
  if (isStaticShape(ef) && ef.length === 2) return ctx.int64([0, -1, ...ef])
  const efNow = ctx.builder.op('Shape', [ctx.name(x)], { start: 2, end: 4 })
  return ctx.builder.op('Concat', [ctx.int64([0, -1]), efNow], { axis: 0 })
}

/** The size of every distinct index letter: their product is the einsum's multiply-adds. */
function einsumLetterSizes(
  equation: string,
  shapes: readonly (readonly (number | null)[] | null)[]
): (number | null)[] {
  const sizes = new Map<string, number | null>()
  equation
    .split('->')[0]
    ?.split(',')
    .forEach((term, i) => {
      Array.from(term).forEach((letter, axis) => {
        const dim = shapes[i]?.[axis] ?? null
        if (sizes.get(letter) == null) sizes.set(letter, dim)
      })
    })
  return [...sizes.values()]
}

/** Canonical equations lowered to MatMul. */
const lowerings: Readonly<Record<string, Lowering>> = {
  'abcd,de->abce': matmulLastAxis,
  'abcd,ce->abde': matmulThirdAxis,
  'ab,cade->bcde': matmulLeadingMatrix
}

function emitEinsum(inputs: readonly Value[], node: TfNode, ctx: EmitContext): Value[] {
  const equation = attrString(node, 'equation').replace(/\s/g, '')
  const [a, b] = inputs
  if (!a) throw new Error(`${node.name}: Einsum needs an operand`)
  const shape = einsumShape(equation, inputs.map(shapeOf))
  ctx.countMacs(einsumLetterSizes(equation, inputs.map(shapeOf)))
  const lowering = inputs.length === 2 ? lowerings[canonicalEquation(equation)] : undefined
  const out =
    lowering && b
      ? lowering([a, b], ctx)
      : ctx.builder.op(
          'Einsum',
          inputs.map((v) => ctx.name(v)),
          { equation }
        )
  return [dynamic(out, dtypeOf(a), shape)]
}

export const einsumOps: OpTable = {
  Einsum: { emit: emitEinsum }
}
