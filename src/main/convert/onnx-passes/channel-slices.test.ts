import { describe, expect, it } from 'vitest'
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
const ints = (values: number[]): ReturnType<typeof tensor> => tensor('int32', [4], values)

/** x[..., begin:end:stride] on the last axis of a rank-4 tensor, as jax2tf writes a split. */
function channels(name: string, input: string, range: string): ReturnType<typeof node> {
  return node(name, 'StridedSlice', [input, `${range}_b`, `${range}_e`, `${range}_s`], {
    T,
    Index: attr.type('int32'),
    begin_mask: attr.int(7),
    end_mask: attr.int(7),
    ellipsis_mask: attr.int(0),
    new_axis_mask: attr.int(0),
    shrink_axis_mask: attr.int(0)
  })
}

/**
 * A gated dense layer: x · W[4×6] + bias → tanh → halves u and v → u · v. `vFrom` names the
 * value v is sliced from (the activation, or the pre-activation to share an intermediate);
 * `stride` 2 interleaves the halves instead.
 */
function gated(options: { vFrom?: string; stride?: number } = {}): TinyGraph {
  const stride = options.stride ?? 1
  // Stride 1: u = [0:3], v = [3:6]. Stride 2: u = [0:6:2], v = [1:6:2].
  const [uStart, uEnd, vStart] = stride === 1 ? [0, 3, 3] : [0, 6, 1]
  return graph(
    [
      placeholder('x'),
      node('dense', 'Einsum', ['x', 'w'], {
        equation: attr.string('abcg,gf->abcf'),
        N: attr.int(2),
        T
      }),
      node('biased', 'AddV2', ['dense', 'bias'], { T }),
      node('act', 'Tanh', ['biased'], { T }),
      channels('u', 'act', 'ur'),
      channels('v', options.vFrom ?? 'act', 'vr'),
      node('y', 'Mul', ['u', 'v'], { T })
    ],
    {
      w: seeded([4, 6], 2),
      bias: tensor('float32', [1, 1, 1, 6], [0.1, -0.2, 0.3, -0.4, 0.5, -0.6]),
      ur_b: ints([0, 0, 0, uStart]),
      ur_e: ints([0, 0, 0, uEnd]),
      ur_s: ints([1, 1, 1, stride]),
      vr_b: ints([0, 0, 0, vStart]),
      vr_e: ints([0, 0, 0, 6]),
      vr_s: ints([1, 1, 1, stride])
    },
    'y'
  )
}

const shape = [1, 3, 5, 4]
const count = (ops: string[], op: string): number => ops.filter((o) => o === op).length

describe('sliceChannelsAtTheProduct', () => {
  it('computes each channel half at the dense layer, with no Slice, matching TF.js', async () => {
    const g = gated()
    const ops = onnxOps(convertTiny(g, shape, true))
    expect(count(ops, 'Slice')).toBe(0)
    expect(count(ops, 'MatMul')).toBe(2)
    expect(count(ops, 'Tanh')).toBe(2)
    await expectParity(g, seeded(shape, 5), 1e-5)
  })

  it('leaves strided slices and shared intermediates alone', async () => {
    for (const g of [gated({ stride: 2 }), gated({ vFrom: 'biased' })]) {
      const ops = onnxOps(convertTiny(g, shape, true))
      expect(count(ops, 'Slice')).toBe(2)
      expect(count(ops, 'MatMul')).toBe(1)
      await expectParity(g, seeded(shape, 6), 1e-5)
    }
  })
})
