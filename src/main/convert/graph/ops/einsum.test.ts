import { describe, expect, it } from 'vitest'
import type { HostTensor } from '../../host-tensor'
import type { TinyGraph } from '../testing'
import {
  attr,
  convertTiny,
  expectParity,
  graph,
  node,
  onnxOps,
  placeholder,
  seeded
} from '../testing'
import { canonicalEquation, einsumShape } from './einsum'

/*
 * Tolerance 1e-5: the contractions here are over at most 8 terms of magnitude < 1, so float32
 * results from different summation orders (TF.js vs ORT's GEMM) agree far below that.
 */
const TOLERANCE = 1e-5

/** A TF Einsum node with the attributes TF writes (equation, N, T). */
function einsum(name: string, equation: string, inputs: readonly string[]) {
  return node(name, 'Einsum', inputs, {
    equation: attr.string(equation),
    N: attr.int(inputs.length),
    T: attr.type('float32')
  })
}

/** x (the placeholder) as the first or second operand, a seeded constant as the other. */
function einsumGraph(equation: string, weight: HostTensor, xFirst = true): TinyGraph {
  const inputs = xFirst ? ['x', 'w'] : ['w', 'x']
  return graph([placeholder('x'), einsum('y', equation, inputs)], { w: weight }, 'y')
}

/** The ONNX op types of the converted graph, specialised or not. */
function opTypesOf(g: TinyGraph, inputShape: readonly number[], specialize: boolean): string[] {
  return onnxOps(convertTiny(g, inputShape, specialize))
}

/** The three MAXIM equations, each with an input shape and a weight. */
const maximPatterns: [string, number[], HostTensor, boolean][] = [
  ['abcg,gf->abcf', [1, 5, 6, 8], seeded([8, 12], 21), true],
  ['abgd,gf->abdf', [2, 3, 5, 4], seeded([5, 7], 22), true],
  ['gb,cgef->bcef', [2, 5, 3, 4], seeded([5, 7], 23), false]
]

describe('Einsum', () => {
  for (const [equation, shape, weight, xFirst] of maximPatterns) {
    it(`${equation} matches TF.js`, async () => {
      await expectParity(einsumGraph(equation, weight, xFirst), seeded(shape, 24), TOLERANCE)
    })

    it(`${equation} becomes MatMul, not Einsum`, () => {
      for (const specialize of [true, false]) {
        const ops = opTypesOf(einsumGraph(equation, weight, xFirst), shape, specialize)
        expect(ops).toContain('MatMul')
        expect(ops).not.toContain('Einsum')
      }
    })
  }

  it('gb,cgef->bcef matches TF.js with the matrix dynamic and x constant', async () => {
    const g = einsumGraph('gb,cgef->bcef', seeded([3, 5, 2, 4], 25), true)
    await expectParity(g, seeded([5, 7], 26), TOLERANCE)
  })

  it('gb,cgef->bcef matches TF.js with both operands dynamic', async () => {
    // x [g=5, b=7] is the matrix; t [c, g, e, f] is computed from it by a non-pattern einsum.
    const g = graph(
      [
        placeholder('x'),
        einsum('t', 'gb,cbef->cgef', ['x', 'k']),
        einsum('y', 'gb,cgef->bcef', ['x', 't'])
      ],
      { k: seeded([2, 7, 3, 4], 27) },
      'y'
    )
    await expectParity(g, seeded([5, 7], 28), TOLERANCE)
  })

  it('matches patterns whatever the letters', async () => {
    const g = einsumGraph('nhwc,cd->nhwd', seeded([3, 2], 29))
    expect(opTypesOf(g, [1, 2, 4, 3], true)).not.toContain('Einsum')
    await expectParity(g, seeded([1, 2, 4, 3], 30), TOLERANCE)
  })

  it('falls back to ONNX Einsum for other equations', async () => {
    const g = einsumGraph('bij,bjk->bik', seeded([2, 4, 5], 31))
    expect(opTypesOf(g, [2, 3, 4], true)).toContain('Einsum')
    await expectParity(g, seeded([2, 3, 4], 32), TOLERANCE)
  })
})

describe('einsum equations', () => {
  it('canonicalises letters in order of first appearance', () => {
    expect(canonicalEquation('abcg,gf->abcf')).toBe('abcd,de->abce')
    expect(canonicalEquation('abgd,gf->abdf')).toBe('abcd,ce->abde')
    expect(canonicalEquation('gb,cgef->bcef')).toBe('ab,cade->bcde')
  })

  it('computes static output shapes, null where unknown', () => {
    expect(
      einsumShape('gb,cgef->bcef', [
        [5, 7],
        [2, 5, 3, 4]
      ])
    ).toEqual([7, 2, 3, 4])
    expect(
      einsumShape('abgd,gf->abdf', [
        [null, 3, null, 4],
        [5, 7]
      ])
    ).toEqual([null, 3, 4, 7])
    expect(
      einsumShape('ij,jk', [
        [2, 3],
        [3, 4]
      ])
    ).toBeNull()
    expect(() =>
      einsumShape('ij,jk->ik', [
        [2, 3, 1],
        [3, 4]
      ])
    ).toThrow(/rank 3, not 2/)
  })
})
