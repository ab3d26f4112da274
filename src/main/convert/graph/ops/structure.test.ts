import { describe, expect, it } from 'vitest'
import type { DType, HostTensor } from '../../host-tensor'
import { tensor } from '../../host-tensor'
import type { TfAttrValue, TfNodeJson } from '../tf-graph'
import type { TinyGraph } from '../testing'
import {
  attr,
  convertTiny,
  expectParity,
  graph,
  node,
  onnxOps,
  placeholder,
  runOnnx,
  runTfjs,
  seeded
} from '../testing'

const X_SHAPE = [1, 5, 4, 3]
const int32 = (values: readonly number[], shape: readonly number[] = [values.length]): HostTensor =>
  tensor('int32', shape, values)
const float32 = (
  values: readonly number[],
  shape: readonly number[] = [values.length]
): HostTensor => tensor('float32', shape, values)
const T = (dtype: DType = 'float32'): TfAttrValue => attr.type(dtype)

/** Every known dim of a static shape agrees with the real one. */
function expectCompatible(dims: readonly (number | null)[] | null, real: readonly number[]): void {
  if (dims === null) return
  expect(dims).toHaveLength(real.length)
  dims.forEach((d, i) => {
    if (d !== null) expect(d).toBe(real[i])
  })
}

/**
 * TF.js parity in both modes, and the static output shape: exact when specialised (unless it
 * depends on the input's values), and never contradicting the real shape when not.
 */
async function expectOp(
  g: TinyGraph,
  input: HostTensor = seeded(X_SHAPE),
  { dataDependentShape = false } = {}
): Promise<void> {
  await expectParity(g, input)
  const { shape } = await runTfjs(g, input)
  const specialised = convertTiny(g, input.shape, true).outputShape
  if (dataDependentShape) expectCompatible(specialised, shape)
  else expect(specialised).toEqual(shape)
  expectCompatible(convertTiny(g, input.shape, false).outputShape, shape)
}

// TF nodes with the attributes TF writes for them.
const shapeNode = (name: string, input: string): TfNodeJson =>
  node(name, 'Shape', [input], { T: T(), out_type: T('int32') })
/** x[index] of a 1-D int32 tensor, as TF writes it (shrink_axis_mask=1). */
const element = (name: string, input: string, index: string): TfNodeJson =>
  node(name, 'StridedSlice', [input, index, `${index}_end`, 'one'], {
    T: T('int32'),
    Index: T('int32'),
    begin_mask: attr.int(0),
    end_mask: attr.int(0),
    ellipsis_mask: attr.int(0),
    new_axis_mask: attr.int(0),
    shrink_axis_mask: attr.int(1)
  })
const pack = (
  name: string,
  inputs: readonly string[],
  axis = 0,
  dtype: DType = 'int32'
): TfNodeJson =>
  node(name, 'Pack', inputs, { N: attr.int(inputs.length), axis: attr.int(axis), T: T(dtype) })
const reshape = (name: string, x: string, shape: string): TfNodeJson =>
  node(name, 'Reshape', [x, shape], { T: T(), Tshape: T('int32') })
const broadcastTo = (name: string, x: string, shape: string): TfNodeJson =>
  node(name, 'BroadcastTo', [x, shape], { T: T(), Tidx: T('int32') })

/** Consts for `element`: index k is `i${k}` (begin) and `i${k}_end`, stride `one`. */
const elementConsts = (...indices: number[]): Record<string, HostTensor> => {
  const consts: Record<string, HostTensor> = { one: int32([1]) }
  for (const k of indices) {
    consts[`i${k}`] = int32([k])
    consts[`i${k}_end`] = int32([k + 1])
  }
  return consts
}

describe('shape arithmetic (Shape → StridedSlice → Pack → Reshape)', () => {
  // y = reshape(x, [shape[0], shape[1] * shape[2]... as TF writes it: [b, -1, c] from x's shape.
  const chain = graph(
    [
      placeholder('x'),
      shapeNode('s', 'x'),
      element('b', 's', 'i0'),
      element('c', 's', 'i3'),
      pack('target', ['b', 'minus1', 'c']),
      reshape('y', 'x', 'target')
    ],
    { ...elementConsts(0, 3), minus1: int32([-1], []) },
    'y'
  )

  it('matches TF.js in both modes', async () => {
    await expectOp(chain)
  })

  it('folds to constants when specialised: no Shape, Slice or Concat is left', () => {
    expect(onnxOps(convertTiny(chain, X_SHAPE, true))).toEqual(['Reshape', 'Identity'])
  })

  it('still computes the shape at run time when unspecialised', () => {
    const ops = onnxOps(convertTiny(chain, X_SHAPE, false))
    expect(ops).toContain('Shape')
    expect(ops).toContain('Concat')
  })

  it('runs unspecialised on another input size', async () => {
    await expectOp(chain, seeded([2, 3, 7, 5], 4))
  })
})

describe('Shape', () => {
  it('returns int32 dims (graph output cast by the harness)', async () => {
    const g = graph([placeholder('x'), shapeNode('y', 'x')], {}, 'y')
    await expectOp(g)
    expect(onnxOps(convertTiny(g, X_SHAPE, true))).toEqual(['Identity'])
    expect(onnxOps(convertTiny(g, X_SHAPE, false))).toEqual(['Shape', 'Cast', 'Identity'])
  })
})

describe('Reshape', () => {
  it('resolves one -1 from a constant shape', async () => {
    const g = graph([placeholder('x'), reshape('y', 'x', 'shape')], { shape: int32([-1, 3]) }, 'y')
    await expectOp(g)
    expect(convertTiny(g, X_SHAPE, true).outputShape).toEqual([20, 3])
  })

  it('keeps constant dims static even when the input is dynamic', () => {
    const g = graph(
      [placeholder('x'), reshape('y', 'x', 'shape')],
      { shape: int32([4, -1, 5]) },
      'y'
    )
    expect(convertTiny(g, X_SHAPE, false).outputShape).toEqual([4, null, 5])
  })

  it('takes a shape computed from another tensor', async () => {
    const g = graph(
      [placeholder('x'), shapeNode('s', 'x'), reshape('y', 'w', 's')],
      { w: seeded([60], 3) },
      'y'
    )
    await expectOp(g)
  })
})

describe('Transpose', () => {
  for (const perm of [
    [0, 3, 1, 2],
    [2, 0, 3, 1]
  ]) {
    it(`permutes [${perm.join(',')}]`, async () => {
      const g = graph(
        [placeholder('x'), node('y', 'Transpose', ['x', 'perm'], { T: T(), Tperm: T('int32') })],
        { perm: int32(perm) },
        'y'
      )
      await expectOp(g)
    })
  }

  it('folds a constant transpose', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('t', 'Transpose', ['w', 'perm'], { T: T(), Tperm: T('int32') }),
        node('y', 'AddV2', ['x', 't'], { T: T() })
      ],
      { w: seeded([3, 4, 1], 5), perm: int32([2, 1, 0]) },
      'y'
    )
    await expectOp(g)
  })

  it('rejects a run-time perm clearly', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        node('y', 'Transpose', ['x', 's'], { T: T(), Tperm: T('int32') })
      ],
      {},
      'y'
    )
    await expect(runOnnx(g, seeded(X_SHAPE), { specialize: false })).rejects.toThrow(
      /non-constant perm/
    )
  })
})

describe('ExpandDims and Squeeze', () => {
  for (const axis of [0, 2, 4, -1, -5]) {
    it(`ExpandDims at ${axis}`, async () => {
      const g = graph(
        [placeholder('x'), node('y', 'ExpandDims', ['x', 'axis'], { T: T(), Tdim: T('int32') })],
        { axis: int32([axis], []) },
        'y'
      )
      await expectOp(g)
    })
  }

  it('Squeeze with negative squeeze_dims', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('e', 'ExpandDims', ['x', 'axis'], { T: T(), Tdim: T('int32') }),
        node('y', 'Squeeze', ['e'], { T: T(), squeeze_dims: attr.ints([-2, 0]) })
      ],
      { axis: int32([-2], []) },
      'y'
    )
    await expectOp(g)
  })

  it('Squeeze with no squeeze_dims removes every size-1 dim', async () => {
    const g = graph(
      [placeholder('x'), node('y', 'Squeeze', ['x'], { T: T(), squeeze_dims: attr.ints([]) })],
      {},
      'y'
    )
    await expectOp(g, seeded([1, 5, 1, 3]))
  })
})

describe('Pack and ConcatV2', () => {
  for (const axis of [0, 1, 4, -1, -3]) {
    it(`Pack floats on axis ${axis}`, async () => {
      const g = graph(
        [placeholder('x'), pack('y', ['x', 'w', 'x'], axis, 'float32')],
        { w: seeded(X_SHAPE, 7) },
        'y'
      )
      await expectOp(g)
    })
  }

  it('Pack of int32 scalars into a shape (N=6, constants mixed in)', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        element('b', 's', 'i0'),
        element('h', 's', 'i1'),
        element('w', 's', 'i2'),
        element('c', 's', 'i3'),
        pack('target', ['b', 'h', 'one_s', 'w', 'one_s', 'c']),
        reshape('r', 'x', 'target'),
        broadcastTo('y', 'r', 'bcast')
      ],
      { ...elementConsts(0, 1, 2, 3), one_s: int32([1], []), bcast: int32([1, 5, 2, 4, 1, 3]) },
      'y'
    )
    await expectOp(g)
  })

  for (const axis of [1, 3, -1, -4]) {
    it(`ConcatV2 on axis ${axis}`, async () => {
      const g = graph(
        [
          placeholder('x'),
          node('y', 'ConcatV2', ['x', 'w', 'x', 'axis'], {
            N: attr.int(3),
            T: T(),
            Tidx: T('int32')
          })
        ],
        { w: seeded(X_SHAPE, 8), axis: int32([axis], []) },
        'y'
      )
      await expectOp(g)
    })
  }

  it('ConcatV2 folds constants and joins adjacent ones', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('y', 'ConcatV2', ['a', 'b', 'x', 'axis'], {
          N: attr.int(3),
          T: T(),
          Tidx: T('int32')
        })
      ],
      { a: seeded([1, 5, 4, 1], 9), b: seeded([1, 5, 4, 2], 10), axis: int32([-1], []) },
      'y'
    )
    await expectOp(g)
    const ops = onnxOps(convertTiny(g, X_SHAPE, true))
    expect(ops).toEqual(['Concat', 'Identity'])
  })
})

describe('BroadcastTo', () => {
  it('to a constant shape', async () => {
    const g = graph(
      [placeholder('x'), broadcastTo('y', 'x', 'shape')],
      { shape: int32([2, 5, 4, 3]) },
      'y'
    )
    await expectOp(g)
  })

  it("a constant to the input's run-time shape", async () => {
    const g = graph(
      [placeholder('x'), shapeNode('s', 'x'), broadcastTo('y', 'w', 's')],
      { w: seeded([4, 1], 11) },
      'y'
    )
    await expectOp(g)
  })

  it('folds a constant broadcast', async () => {
    const g = graph(
      [
        placeholder('x'),
        broadcastTo('b', 'w', 'shape'),
        node('y', 'AddV2', ['x', 'b'], { T: T() })
      ],
      { w: seeded([5, 1, 1], 12), shape: int32([5, 4, 3]) },
      'y'
    )
    await expectOp(g)
    expect(onnxOps(convertTiny(g, X_SHAPE, true))).toEqual(['Add', 'Identity'])
  })
})

describe('GatherV2', () => {
  const gather = (indices: HostTensor, axis: number, params = 'x'): TinyGraph =>
    graph(
      [
        placeholder('x'),
        node('y', 'GatherV2', [params, 'indices', 'axis'], {
          Tparams: T(),
          Tindices: T('int32'),
          Taxis: T('int32'),
          batch_dims: attr.int(0)
        })
      ],
      { indices, axis: int32([axis], []), w: seeded([6, 2], 13) },
      'y'
    )

  it('gathers along axis 2', async () => {
    await expectOp(gather(int32([3, 0, 0, 1]), 2))
  })

  it('gathers 2-D indices along axis -1', async () => {
    await expectOp(gather(int32([2, 0, 1, 1], [2, 2]), -1))
  })

  it('gathers a scalar index (drops the axis)', async () => {
    await expectOp(gather(int32([4], []), 1))
  })

  it('gathers from a constant by run-time indices', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        node('y', 'GatherV2', ['w', 's', 'axis'], {
          Tparams: T(),
          Tindices: T('int32'),
          Taxis: T('int32'),
          batch_dims: attr.int(0)
        })
      ],
      { w: seeded([6, 2], 13), axis: int32([0], []) },
      'y'
    )
    await expectOp(g)
  })
})

describe('Range', () => {
  it('int32 with a run-time limit (gathers every third row)', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        element('h', 's', 'i1'),
        node('r', 'Range', ['one_s', 'h', 'three'], { Tidx: T('int32') }),
        node('y', 'GatherV2', ['x', 'r', 'axis'], {
          Tparams: T(),
          Tindices: T('int32'),
          Taxis: T('int32'),
          batch_dims: attr.int(0)
        })
      ],
      { ...elementConsts(1), one_s: int32([1], []), three: int32([3], []), axis: int32([1], []) },
      'y'
    )
    await expectOp(g)
  })

  it('int32 output itself, counting down', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        element('h', 's', 'i1'),
        node('y', 'Range', ['h', 'limit', 'minus2'], { Tidx: T('int32') })
      ],
      { ...elementConsts(1), limit: int32([-2], []), minus2: int32([-2], []) },
      'y'
    )
    await expectOp(g)
  })

  it('float32 with a run-time limit', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('v', 'StridedSlice', ['x', 'zeros', 'ones', 'ones'], {
          T: T(),
          Index: T('int32'),
          shrink_axis_mask: attr.int(15)
        }),
        node('y', 'Range', ['start', 'v', 'delta'], { Tidx: T() })
      ],
      {
        zeros: int32([0, 0, 0, 0]),
        ones: int32([1, 1, 1, 1]),
        start: float32([-1.5], []),
        delta: float32([0.25], [])
      },
      'y'
    )
    await expectOp(g, seeded(X_SHAPE, 3), { dataDependentShape: true })
  })

  it('float32 constant range folds with TF rounding', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('r', 'Range', ['start', 'limit', 'delta'], { Tidx: T() }),
        node('y', 'AddV2', ['x', 'r'], { T: T() })
      ],
      { start: float32([0.1], []), limit: float32([0.9], []), delta: float32([0.3], []) },
      'y'
    )
    await expectOp(g)
  })
})

describe('Fill, ZerosLike, OnesLike', () => {
  it('Fill to the run-time shape', async () => {
    const g = graph(
      [
        placeholder('x'),
        shapeNode('s', 'x'),
        node('f', 'Fill', ['s', 'v'], { T: T(), index_type: T('int32') }),
        node('y', 'Mul', ['x', 'f'], { T: T() })
      ],
      { v: float32([2.5], []) },
      'y'
    )
    await expectOp(g)
  })

  it('ZerosLike + OnesLike', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('z', 'ZerosLike', ['x'], { T: T() }),
        node('o', 'OnesLike', ['x'], { T: T(), dtype: T() }),
        node('y', 'AddV2', ['z', 'o'], { T: T() })
      ],
      {},
      'y'
    )
    await expectOp(g)
  })
})
