import { describe, expect, it } from 'vitest'
import type { DType, HostTensor } from '../../host-tensor'
import { tensor, toNumbers } from '../../host-tensor'
import type { TfNode, TfNodeJson } from '../tf-graph'
import { attr, expectParity, graph, node, placeholder, runOnnx, seeded } from '../testing'
import { elementwiseOps } from './elementwise'

type Numeric = 'float32' | 'int32'

/**
 * Non-zero multiples of 0.5 in ±[1, 6]: ties with the constants (comparisons, Maximum),
 * exact multiples (FloorMod's zero remainder), negatives, and no zero divisors after Cast.
 */
function halves(shape: readonly number[], seed = 1): HostTensor {
  const magnitude = seeded(shape, seed, 1, 6).data as Float32Array
  const sign = seeded(shape, seed + 7).data as Float32Array
  const data = Array.from(
    magnitude,
    (v, i) => (Math.round(v * 2) / 2) * ((sign[i] ?? 0) < 0 ? -1 : 1)
  )
  return tensor('float32', shape, data)
}

const castNode = (name: string, input: string, from: DType, to: DType): TfNodeJson =>
  node(name, 'Cast', [input], {
    SrcT: attr.type(from),
    DstT: attr.type(to),
    Truncate: attr.bool(false)
  })

/** The float placeholder `x`, cast to int32 (truncating) when the test is about int32. */
function input(dtype: DType): { nodes: TfNodeJson[]; name: string } {
  if (dtype === 'float32') return { nodes: [placeholder('x')], name: 'x' }
  return { nodes: [placeholder('x'), castNode('xi', 'x', 'float32', dtype)], name: 'xi' }
}

/** Constants per dtype: k1 [4] broadcasts from the right, k2 [2,1,1,1] adds a leading axis. */
const constants = {
  float32: {
    k1: tensor('float32', [4], [1.5, -2, 0.5, -1]),
    k2: tensor('float32', [2, 1, 1, 1], [2.5, -3]),
    col: tensor('float32', [3, 1], [-5.5, 7, -6])
  },
  int32: {
    k1: tensor('int32', [4], [3, -4, 2, -1]),
    k2: tensor('int32', [2, 1, 1, 1], [5, -3]),
    col: tensor('int32', [3, 1], [-7, 9, -6])
  }
}

const binaryCases: readonly (readonly [string, Numeric])[] = [
  ['AddV2', 'float32'],
  ['AddV2', 'int32'],
  ['Mul', 'int32'],
  ['Sub', 'float32'],
  ['Sub', 'int32'],
  ['RealDiv', 'float32'],
  ['Maximum', 'float32'],
  ['Maximum', 'int32'],
  ['Minimum', 'float32'],
  ['Minimum', 'int32'],
  ['FloorDiv', 'float32'],
  ['FloorDiv', 'int32'],
  ['FloorMod', 'float32'],
  ['FloorMod', 'int32'],
  ['Greater', 'float32'],
  ['GreaterEqual', 'float32'],
  ['GreaterEqual', 'int32'],
  ['Less', 'float32'],
  ['Less', 'int32'],
  ['LessEqual', 'float32'],
  ['Equal', 'int32'],
  ['NotEqual', 'float32'],
  ['NotEqual', 'int32']
]

describe('binary element-wise ops', () => {
  it.each(binaryCases)(
    '%s %s: dynamic lhs, constant rhs broadcast from the right',
    async (op, dtype) => {
      const x = input(dtype)
      const g = graph(
        [...x.nodes, node('y', op, [x.name, 'k1'], { T: attr.type(dtype) })],
        { k1: constants[dtype].k1 },
        'y'
      )
      await expectParity(g, halves([2, 3, 4]))
    }
  )

  it.each(binaryCases)('%s %s: constant lhs of higher rank, dynamic rhs', async (op, dtype) => {
    const x = input(dtype)
    const g = graph(
      [...x.nodes, node('y', op, ['k2', x.name], { T: attr.type(dtype) })],
      { k2: constants[dtype].k2 },
      'y'
    )
    await expectParity(g, halves([2, 3, 4], 3))
  })

  it.each(binaryCases)('%s %s: constant inputs fold to one initializer', async (op, dtype) => {
    const { col, k1 } = constants[dtype]
    const g = graph(
      [
        placeholder('x'),
        node('c', op, ['col', 'k1'], { T: attr.type(dtype) }),
        castNode('cf', 'c', isComparison(op) ? 'bool' : dtype, 'float32'),
        node('y', 'AddV2', ['x', 'cf'], { T: attr.type('float32') })
      ],
      { col, k1 },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2) // Add and the output Identity: op and Cast were computed here
    await expectParity(g, seeded([3, 4]))
  })

  it('AddV2 and Mul broadcast like TF', async () => {
    const g = graph(
      [placeholder('x'), node('a', 'AddV2', ['x', 'bias']), node('m', 'Mul', ['a', 'scale'])],
      { bias: seeded([3], 2), scale: tensor('float32', [1, 1, 1, 3], [2, -1, 0.5]) },
      'm'
    )
    await expectParity(g, seeded([1, 5, 4, 3]))
  })

  it('int32 FloorDiv is exact where b·⌊a/b⌋ leaves the int32 range', async () => {
    // a - FloorDiv(a, k)·k is FloorMod (small, so exact in the harness's float32 output); an
    // off-by-one quotient would change it by k. Expected: -2^31 mod 3 = 1, 2147483520 mod -1000 = -480.
    const x = input('int32')
    const g = graph(
      [
        ...x.nodes,
        node('q', 'FloorDiv', [x.name, 'k'], { T: attr.type('int32') }),
        node('m', 'Mul', ['q', 'k'], { T: attr.type('int32') }),
        node('r', 'Sub', [x.name, 'm'], { T: attr.type('int32') })
      ],
      { k: tensor('int32', [2], [3, -1000]) },
      'r'
    )
    const data = tensor('float32', [2], [-(2 ** 31), 2147483520])
    await expectParity(g, data, 0)
    const { output } = await runOnnx(g, data, { specialize: false })
    expect(toNumbers(output)).toEqual([1, -480])
  })

  it('folds int32 Mul with wrap-around, like TF', () => {
    const a = tensor('int32', [3], [2147483647, 123456789, -65536])
    const b = tensor('int32', [3], [2147483647, 987654321, 65536])
    const [product] = elementwiseOps.Mul?.fold?.([a, b], foldNode('Mul')) ?? []
    const expected = [0, 1, 2].map((i) =>
      Number(BigInt.asIntN(32, BigInt(a.data[i] ?? 0) * BigInt(b.data[i] ?? 0)))
    )
    expect(product?.dtype).toBe('int32')
    expect(product && toNumbers(product)).toEqual(expected)
  })

  it('folds FloorDiv and FloorMod with Python semantics', () => {
    const a = tensor('float32', [4], [7, -7, 7, -7])
    const b = tensor('float32', [4], [2, 2, -2, -2])
    const fold = (op: string, dtype: DType): number[] => {
      const [out] =
        elementwiseOps[op]?.fold?.(
          [tensor(dtype, [4], a.data), tensor(dtype, [4], b.data)],
          foldNode(op)
        ) ?? []
      return out ? toNumbers(out) : []
    }
    expect(fold('FloorDiv', 'int32')).toEqual([3, -4, -4, 3])
    expect(fold('FloorDiv', 'float32')).toEqual([3, -4, -4, 3])
    expect(fold('FloorMod', 'int32')).toEqual([1, 1, -1, -1])
    expect(fold('FloorMod', 'float32')).toEqual([1, 1, -1, -1])
  })
})

function isComparison(op: string): boolean {
  return ['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual'].includes(op)
}

const foldNode = (op: string): TfNode => ({ name: op.toLowerCase(), op, inputs: [], attr: {} })

const unaryCases: readonly (readonly [string, Numeric, HostTensor])[] = [
  ['Square', 'float32', halves([2, 3, 4])],
  ['Rsqrt', 'float32', seeded([2, 3, 4], 5, 0.05, 4)],
  ['Reciprocal', 'float32', halves([2, 3, 4])],
  ['Tanh', 'float32', seeded([2, 3, 4], 6, -3, 3)],
  ['Abs', 'float32', halves([2, 3, 4])],
  ['Neg', 'float32', halves([2, 3, 4])],
  ['Exp', 'float32', seeded([2, 3, 4], 7, -3, 3)],
  ['Floor', 'float32', seeded([2, 3, 4], 8, -3, 3)],
  ['Sign', 'float32', tensor('float32', [2, 3], [-2.5, -0.5, 0, 0.25, 3, -0])],
  ['Sign', 'int32', tensor('float32', [2, 3], [-2.5, -0.5, 0, 0.25, 3, 1])],
  ['Abs', 'int32', halves([2, 3, 4])],
  ['Neg', 'int32', halves([2, 3, 4])]
]

describe('unary element-wise ops', () => {
  it.each(unaryCases)('%s %s matches TF.js', async (op, dtype, data) => {
    const x = input(dtype)
    const g = graph([...x.nodes, node('y', op, [x.name], { T: attr.type(dtype) })], {}, 'y')
    // Rsqrt, Tanh and Exp are at most a few float32 ulps apart; the inputs keep |y| ≤ 21.
    await expectParity(g, data)
  })

  it.each(unaryCases)('%s %s folds constant inputs', async (op, dtype) => {
    const k = dtype === 'float32' ? tensor('float32', [4], [0.25, 1.5, 2, 3]) : constants.int32.k1
    const g = graph(
      [
        placeholder('x'),
        node('c', op, ['k'], { T: attr.type(dtype) }),
        castNode('cf', 'c', dtype, 'float32'),
        node('y', 'AddV2', ['x', 'cf'])
      ],
      { k },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2)
    await expectParity(g, seeded([3, 4]))
  })
})

describe('SelectV2', () => {
  it('selects float32 with a dynamic condition and a broadcast constant', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('c', 'Greater', ['x', 'k1']),
        node('y', 'SelectV2', ['c', 'x', 'col'], { T: attr.type('float32') })
      ],
      constants.float32,
      'y'
    )
    await expectParity(g, halves([2, 3, 4]))
  })

  it('broadcasts a constant bool condition over dynamic branches', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('n', 'Neg', ['x']),
        node('y', 'SelectV2', ['c', 'x', 'n'], { T: attr.type('float32') })
      ],
      { c: tensor('bool', [4], [1, 0, 0, 1]) },
      'y'
    )
    await expectParity(g, halves([2, 3, 4]))
  })

  it('broadcasts all three int32 inputs', async () => {
    const x = input('int32')
    const g = graph(
      [
        ...x.nodes,
        node('c', 'Less', [x.name, 'k1'], { T: attr.type('int32') }),
        node('y', 'SelectV2', ['c', 'col', 'k2'], { T: attr.type('int32') })
      ],
      constants.int32,
      'y'
    )
    await expectParity(g, halves([2, 3, 4])) // [2,3,4], [3,1], [2,1,1,1] → [2,2,3,4]
  })

  it('folds constant inputs', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('s', 'SelectV2', ['c', 'col', 'k1'], { T: attr.type('float32') }),
        node('y', 'AddV2', ['x', 's'])
      ],
      { ...constants.float32, c: tensor('bool', [3, 1], [1, 0, 1]) },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2)
    await expectParity(g, seeded([3, 4]))
  })
})

describe('LogicalAnd', () => {
  it('ands two dynamic comparisons', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('a', 'Greater', ['x', 'lo']),
        node('b', 'Less', ['x', 'k1']),
        node('y', 'LogicalAnd', ['a', 'b'])
      ],
      { lo: tensor('float32', [], [-2]), k1: constants.float32.k1 },
      'y'
    )
    await expectParity(g, halves([2, 3, 4]))
  })

  it('folds constant inputs', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('a', 'LogicalAnd', ['p', 'q']),
        node('y', 'SelectV2', ['a', 'x', 'zero'], { T: attr.type('float32') })
      ],
      {
        p: tensor('bool', [4], [1, 1, 0, 0]),
        q: tensor('bool', [3, 1], [1, 0, 1]),
        zero: tensor('float32', [], [0])
      },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2) // Where and the output Identity
    await expectParity(g, seeded([3, 4]))
  })
})

describe('Cast', () => {
  const chains: readonly (readonly DType[])[] = [
    ['float32', 'int32'],
    ['float32', 'int32', 'float32'],
    ['float32', 'bool'],
    ['float32', 'bool', 'float32'],
    ['float32', 'int32', 'bool', 'int32']
  ]
  const data = tensor('float32', [2, 4], [-2.75, -1.5, -0.5, 0, 0.5, 1.99, 3, 16777216])

  it.each(chains)('casts %s → %s (→ …) like TF', async (...chain) => {
    const nodes = [placeholder('x')]
    for (let i = 1; i < chain.length; i++) {
      nodes.push(castNode(`c${i}`, i === 1 ? 'x' : `c${i - 1}`, chain[i - 1]!, chain[i]!))
    }
    await expectParity(graph(nodes, {}, `c${chain.length - 1}`), data, 0)
  })

  it('folds constant inputs', async () => {
    const g = graph(
      [
        placeholder('x'),
        castNode('i', 'k', 'float32', 'int32'),
        castNode('f', 'i', 'int32', 'float32'),
        node('y', 'AddV2', ['x', 'f'])
      ],
      { k: tensor('float32', [4], [-2.75, -0.5, 0.5, 1.99]) },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2)
    await expectParity(g, seeded([3, 4]), 0)
  })
})
