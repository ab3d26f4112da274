import { describe, expect, it } from 'vitest'
import type { DType, HostTensor } from '../../host-tensor'
import { tensor } from '../../host-tensor'
import type { TfNodeJson } from '../tf-graph'
import { parseNodes } from '../tf-graph'
import type { TinyGraph } from '../testing'
import {
  attr,
  convertTiny,
  onnxOps,
  expectParity,
  graph,
  maxAbsDiff,
  node,
  placeholder,
  runOnnx,
  runTfjs,
  seeded
} from '../testing'
import { stridedSliceOps } from './strided-slice'

const X_SHAPE = [2, 6, 5, 3]
const int32 = (values: readonly number[], shape: readonly number[] = [values.length]): HostTensor =>
  tensor('int32', shape, values)

/** TF.js parity in both modes; the specialised static shape is exact, the other never wrong. */
async function expectSlice(g: TinyGraph, input: HostTensor = seeded(X_SHAPE)): Promise<void> {
  await expectParity(g, input)
  const { shape } = await runTfjs(g, input)
  expect(convertTiny(g, input.shape, true).outputShape).toEqual(shape)
  const loose = convertTiny(g, input.shape, false).outputShape
  expect(loose).toHaveLength(shape.length)
  loose?.forEach((d, i) => {
    if (d !== null) expect(d).toBe(shape[i])
  })
}

interface Masks {
  begin?: number
  end?: number
  ellipsis?: number
  newAxis?: number
  shrink?: number
}

/** A StridedSlice node with every attribute TF writes. */
function slice(
  name: string,
  inputs: readonly string[],
  masks: Masks = {},
  dtype: DType = 'float32'
): TfNodeJson {
  return node(name, 'StridedSlice', inputs, {
    T: attr.type(dtype),
    Index: attr.type('int32'),
    begin_mask: attr.int(masks.begin ?? 0),
    end_mask: attr.int(masks.end ?? 0),
    ellipsis_mask: attr.int(masks.ellipsis ?? 0),
    new_axis_mask: attr.int(masks.newAxis ?? 0),
    shrink_axis_mask: attr.int(masks.shrink ?? 0)
  })
}

interface Case {
  readonly what: string
  readonly begin: number[]
  readonly end: number[]
  readonly strides: number[]
  readonly masks?: Masks
}

/** Slices of a [2, 6, 5, 3] tensor, with the Python spelling of each. */
const cases: Case[] = [
  { what: 'x[0:1, 1:4, 0:3, 0:2]', begin: [0, 1, 0, 0], end: [1, 4, 3, 2], strides: [1, 1, 1, 1] },
  {
    what: 'negative indices x[0:2, -4:-1, -3:5, 0:-1]',
    begin: [0, -4, -3, 0],
    end: [2, -1, 5, -1],
    strides: [1, 1, 1, 1]
  },
  {
    what: 'strides x[:, 0:6:2, 1:5:3, ::2]',
    begin: [0, 0, 1, 0],
    end: [2, 6, 5, 3],
    strides: [1, 2, 3, 2]
  },
  {
    what: 'negative strides x[1:-3:-1, -1:0:-2, 3:-6:-1, 2:-4:-2]',
    begin: [1, -1, 3, 2],
    end: [-3, 0, -6, -4],
    strides: [-1, -2, -1, -2]
  },
  {
    what: 'clamping x[-10:10, 2:100, -100:100:2, 1:100]',
    begin: [-10, 2, -100, 1],
    end: [10, 100, 100, 100],
    strides: [1, 1, 2, 1]
  },
  {
    what: 'clamping backwards x[10:-10:-1, 100:-100:-1, 7:-8:-2, 5:-9]',
    begin: [10, 100, 7, 5],
    end: [-10, -100, -8, -9],
    strides: [-1, -1, -2, -1]
  },
  {
    what: 'begin_mask and end_mask x[:1, 2:, :1:-1, 1:]',
    begin: [1, 2, 3, 1],
    end: [1, 4, 1, 2],
    strides: [1, 1, -1, 1],
    masks: { begin: 0b0101, end: 0b1010 }
  },
  {
    // Stride 2: TF.js's stride-1 fast path fails on empty slices (TF gives an empty tensor).
    what: 'an empty result x[:, 4:2:2]',
    begin: [0, 4],
    end: [2, 2],
    strides: [1, 2],
    masks: { begin: 1, end: 1 }
  },
  {
    what: 'fewer indices than dims x[1:, :2]',
    begin: [1, 0],
    end: [0, 2],
    strides: [1, 1],
    masks: { end: 0b01 }
  },
  {
    what: 'ellipsis first x[..., 1:3]',
    begin: [0, 1],
    end: [0, 3],
    strides: [1, 1],
    masks: { ellipsis: 1 }
  },
  {
    what: 'ellipsis between shrunk axes x[1, ..., -1]',
    begin: [1, 0, -1],
    end: [2, 0, 0],
    strides: [1, 1, 1],
    masks: { ellipsis: 0b010, shrink: 0b101 }
  },
  {
    what: 'shrink with -1 (end wraps to 0) x[:, -1]',
    begin: [0, -1],
    end: [0, 0],
    strides: [1, 1],
    masks: { begin: 1, end: 1, shrink: 0b10 }
  },
  {
    what: 'shrink every axis x[1, 2, 3, -2]',
    begin: [1, 2, 3, -2],
    end: [2, 3, 4, -1],
    strides: [1, 1, 1, 1],
    masks: { shrink: 0b1111 }
  },
  {
    what: 'new axes x[:, None, ..., ::-1]',
    begin: [0, 0, 0, 0],
    end: [0, 0, 0, 0],
    strides: [1, 1, 1, -1],
    masks: { begin: 0b1001, end: 0b1001, newAxis: 0b0010, ellipsis: 0b0100 }
  },
  {
    what: 'new axis after the ellipsis x[..., None, 0]',
    begin: [0, 0, 0],
    end: [0, 0, 1],
    strides: [1, 1, 1],
    masks: { ellipsis: 0b001, newAxis: 0b010, shrink: 0b100 }
  },
  {
    what: 'new axes around an ellipsis x[None, ..., None]',
    begin: [0, 0, 0],
    end: [0, 0, 0],
    strides: [1, 1, 1],
    masks: { newAxis: 0b101, ellipsis: 0b010 }
  },
  {
    what: 'new_axis wins over shrink on the same index x[None]',
    begin: [0],
    end: [0],
    strides: [1],
    masks: { newAxis: 1, shrink: 1 }
  }
]

/** y = x[…] for a case, with constant begin/end/strides. */
function caseGraph(c: Case, source = 'x', consts: Record<string, HostTensor> = {}): TinyGraph {
  return graph(
    [placeholder('x'), slice('y', [source, 'begin', 'end', 'strides'], c.masks)],
    { begin: int32(c.begin), end: int32(c.end), strides: int32(c.strides), ...consts },
    'y'
  )
}

describe('StridedSlice of the input', () => {
  for (const c of cases) {
    it(c.what, async () => {
      await expectSlice(caseGraph(c))
    })
  }

  it('emits one Slice, then Squeeze and Unsqueeze', () => {
    const c = cases.find((k) => k.what.startsWith('ellipsis between')) ?? cases[0]
    if (!c) throw new Error('no case')
    expect(onnxOps(convertTiny(caseGraph(c), X_SHAPE, true))).toEqual([
      'Slice',
      'Squeeze',
      'Identity'
    ])
  })

  it('emits nothing for a slice that takes everything', () => {
    const everything: Case = {
      what: 'x[...]',
      begin: [0],
      end: [0],
      strides: [1],
      masks: { ellipsis: 1 }
    }
    expect(onnxOps(convertTiny(caseGraph(everything), X_SHAPE, false))).toEqual(['Identity'])
  })
})

describe('StridedSlice folding (constant input)', () => {
  for (const c of cases) {
    it(c.what, async () => {
      const g = caseGraph(c, 'w', { w: seeded(X_SHAPE, 31) })
      await expectParity(g, seeded([1], 1))
      expect(onnxOps(convertTiny(g, [1], false))).toEqual(['Identity'])
    })
  }

  it('folds int32 shape arithmetic exactly (shrunk elements packed into a shape)', async () => {
    const element = (name: string, k: string): TfNodeJson =>
      slice(name, ['dims', k, `${k}_end`, 'one'], { shrink: 1 }, 'int32')
    const g = graph(
      [
        placeholder('x'),
        element('a', 'k1'),
        element('b', 'km2'),
        element('c', 'km1'),
        node('target', 'Pack', ['a', 'b', 'c'], {
          N: attr.int(3),
          axis: attr.int(0),
          T: attr.type('int32')
        }),
        node('y', 'Reshape', ['x', 'target'], {
          T: attr.type('float32'),
          Tshape: attr.type('int32')
        })
      ],
      {
        dims: int32([7, 3, 60, 1]),
        one: int32([1]),
        k1: int32([1]),
        k1_end: int32([2]),
        km2: int32([-2]),
        km2_end: int32([-1]),
        km1: int32([-1]),
        km1_end: int32([0])
      },
      'y'
    )
    await expectSlice(g, seeded([3, 4, 5, 3]))
    expect(onnxOps(convertTiny(g, [3, 4, 5, 3], false))).toEqual(['Reshape', 'Identity'])
  })
})

describe('StridedSlice TF semantics beyond TF.js', () => {
  it('an empty stride-1 slice has a zero dim, as in TF', () => {
    const { StridedSlice } = stridedSliceOps
    const n = parseNodes([slice('y', ['x', 'b', 'e', 's'], { begin: 1, end: 1 })])[0]
    if (!StridedSlice?.fold || !n) throw new Error('no StridedSlice')
    const [y] = StridedSlice.fold([seeded(X_SHAPE), int32([0, 4]), int32([2, 2]), int32([1, 1])], n)
    expect(y?.shape).toEqual([2, 0, 5, 3])
  })

  it('the converted stride-1 empty slice agrees in both modes', async () => {
    const empty: Case = { what: 'x[:, 4:2]', begin: [0, 4], end: [2, 2], strides: [1, 1] }
    for (const specialize of [true, false]) {
      const { output } = await runOnnx(
        caseGraph({ ...empty, masks: { begin: 1, end: 1 } }),
        seeded(X_SHAPE),
        {
          specialize
        }
      )
      expect(output.shape).toEqual([2, 0, 5, 3])
    }
  })
})

describe('StridedSlice with run-time bounds', () => {
  const shape = (name: string, input: string): TfNodeJson =>
    node(name, 'Shape', [input], { T: attr.type('float32'), out_type: attr.type('int32') })
  const dim = (name: string, k: number): TfNodeJson =>
    slice(name, ['s', `k${k}`, `k${k}_end`, 'one'], { shrink: 1 }, 'int32')
  const pack = (name: string, inputs: readonly string[]): TfNodeJson =>
    node(name, 'Pack', inputs, {
      N: attr.int(inputs.length),
      axis: attr.int(0),
      T: attr.type('int32')
    })
  const consts: Record<string, HostTensor> = {
    one: int32([1]),
    zero_s: int32([0], []),
    one_s: int32([1], []),
    two_s: int32([2], []),
    strides1: int32([1, 1, 1, 1]),
    ...Object.fromEntries(
      [0, 1, 2, 3].flatMap((k) => [
        [`k${k}`, int32([k])],
        [`k${k}_end`, int32([k + 1])]
      ])
    )
  }
  const dims = [shape('s', 'x'), dim('d0', 0), dim('d1', 1), dim('d2', 2), dim('d3', 3)]

  it('end packed from the input shape (the MAXIM pattern)', async () => {
    const g = graph(
      [
        placeholder('x'),
        ...dims,
        pack('end', ['d0', 'd1', 'two_s', 'd3']),
        slice('y', ['x', 'begin', 'end', 'strides1'])
      ],
      { ...consts, begin: int32([0, 1, 0, 0]) },
      'y'
    )
    await expectSlice(g)
    expect(onnxOps(convertTiny(g, X_SHAPE, true))).toEqual(['Slice', 'Identity'])
  })

  it('run-time begin and end with masks and negative strides', async () => {
    const g = graph(
      [
        placeholder('x'),
        ...dims,
        pack('begin', ['d0', 'one_s', 'zero_s', 'zero_s']),
        pack('end', ['one_s', 'd1', 'd3', 'd2']),
        slice('y', ['x', 'begin', 'end', 'strides'], { begin: 0b0001, end: 0b1000 })
      ],
      { ...consts, strides: int32([1, 2, 1, -1]) },
      'y'
    )
    await expectSlice(g)
    expect(onnxOps(convertTiny(g, X_SHAPE, false))).toContain('Where')
  })

  it('rejects a run-time index on a shrunk axis clearly', async () => {
    const g = graph(
      [
        placeholder('x'),
        ...dims,
        pack('begin', ['d0', 'zero_s']),
        slice('y', ['x', 'begin', 'end', 'strides'], { shrink: 0b10 })
      ],
      { ...consts, end: int32([1, 1]), strides: int32([1, 1]) },
      'y'
    )
    await expect(runOnnx(g, seeded(X_SHAPE), { specialize: false })).rejects.toThrow(
      /non-constant index on a shrunk axis/
    )
  })
})

describe('StridedSlice with a negative stride and begin below -size', () => {
  // TF reads begin -9 on a dim of 5 as "before the first element": an empty slice. ONNX Slice
  // clamps it to the first element, so only a known dim size gives TF's answer.
  const c: Case = {
    what: 'x[:, :, -9::-1]',
    begin: [0, 0, -9],
    end: [0, 0, 0],
    strides: [1, 1, -1],
    masks: { begin: 3, end: 7 }
  }

  it('is exact when the dim is known (specialised)', async () => {
    const input = seeded(X_SHAPE)
    const reference = await runTfjs(caseGraph(c), input)
    expect(reference.shape).toEqual([2, 6, 0, 3])
    const { output } = await runOnnx(caseGraph(c), input, { specialize: true })
    expect(maxAbsDiff(reference, output)).toBe(0)
  })
})
