import { describe, expect, it } from 'vitest'
import type { HostTensor } from '../host-tensor'
import { tensor } from '../host-tensor'
import type { TinyGraph } from '../graph/testing'
import {
  attr,
  convertTiny,
  expectParity,
  graph,
  node,
  onnxOps,
  placeholder,
  seeded
} from '../graph/testing'

const T = attr.type('float32')
const perm = (values: number[]): HostTensor => tensor('int32', [values.length], values)
const transpose = (name: string, input: string, permName: string): ReturnType<typeof node> =>
  node(name, 'Transpose', [input, permName], { T, Tperm: attr.type('int32') })

/** jax's dense layer along one axis: swapaxes → Einsum with W → (+ bias) → swapaxes. */
function mixAlong(
  swap: number[],
  weight: HostTensor,
  options: { bias?: HostTensor; alsoRead?: boolean } = {}
): TinyGraph {
  const nodes = [
    placeholder('x'),
    transpose('in', 'x', 'swap'),
    node('mix', 'Einsum', ['in', 'w'], {
      equation: attr.string('abcg,gf->abcf'),
      N: attr.int(2),
      T
    })
  ]
  const consts: Record<string, HostTensor> = { swap: perm(swap), w: weight }
  let last = 'mix'
  if (options.bias) {
    nodes.push(node('biased', 'AddV2', ['mix', 'b'], { T }))
    consts.b = options.bias
    last = 'biased'
  }
  nodes.push(transpose('out', last, 'swap'))
  if (!options.alsoRead) return graph(nodes, consts, 'out')
  // A second reader of the swapped tensor: the swap must stay.
  nodes.push(node('y', 'AddV2', ['out', 'in'], { T }))
  return graph(nodes, consts, 'y')
}

const inputShape = [1, 5, 6, 5]
const transposesIn = (g: TinyGraph, specialize: boolean): number =>
  onnxOps(convertTiny(g, inputShape, specialize)).filter((op) => op === 'Transpose').length

describe('mixAlongAxisInPlace', () => {
  it('mixes along the height axis with no transpose, matching TF.js', async () => {
    const g = mixAlong([0, 3, 2, 1], seeded([5, 5], 2), { bias: seeded([5], 3) })
    await expectParity(g, seeded(inputShape, 4), 1e-5)
    for (const specialize of [true, false]) expect(transposesIn(g, specialize)).toBe(0)
  })

  it('mixes along the width axis with a non-square weight and no bias', async () => {
    const g = mixAlong([0, 1, 3, 2], seeded([6, 4], 5))
    await expectParity(g, seeded(inputShape, 6), 1e-5)
    for (const specialize of [true, false]) expect(transposesIn(g, specialize)).toBe(0)
  })

  it('keeps the transposes when the weight is not square and the axis is not second-to-last', async () => {
    // The output's shape would need dimensions the pass does not know; it leaves the graph alone.
    const g = mixAlong([0, 3, 2, 1], seeded([5, 3], 7), { bias: seeded([3], 8) })
    await expectParity(g, seeded(inputShape, 9), 1e-5)
    expect(transposesIn(g, true)).toBe(2)
  })

  it('keeps the transposes when something else reads the swapped tensor', async () => {
    const g = mixAlong([0, 3, 2, 1], seeded([5, 5], 10), { alsoRead: true })
    await expectParity(g, seeded(inputShape, 11), 1e-5)
    expect(transposesIn(g, true)).toBeGreaterThanOrEqual(2)
  })

  it('keeps the transposes when the bias varies along more than the mixed axis', async () => {
    const g = mixAlong([0, 3, 2, 1], seeded([5, 5], 12), { bias: seeded([6, 5], 13) })
    await expectParity(g, seeded(inputShape, 14), 1e-5)
    expect(transposesIn(g, true)).toBe(2)
  })
})
