import { describe, expect, it } from 'vitest'
import type { DType, HostTensor } from '../../host-tensor'
import { tensor, toNumbers } from '../../host-tensor'
import { OnnxBuilder } from '../../onnx-builder'
import { EmitContext } from '../context'
import type { TfNode, TfNodeJson } from '../tf-graph'
import { attr, expectParity, graph, node, placeholder, runOnnx, seeded } from '../testing'
import type { Value } from '../value'
import { constant, dynamic, shapeOf } from '../value'
import { reduceOps } from './reduce'

const reductions = ['Sum', 'Mean', 'Max', 'Prod'] as const

const axesTensor = (axes: number | readonly number[]): HostTensor =>
  typeof axes === 'number' ? tensor('int32', [], [axes]) : tensor('int32', [axes.length], axes)

const reduceNode = (name: string, op: string, inputs: string[], keep: boolean): TfNodeJson =>
  node(name, op, inputs, { keep_dims: attr.bool(keep), T: attr.type('float32') })

/** Float input with negatives; a few values per reduced element, so Prod stays well scaled. */
const data = seeded([2, 3, 4], 4, -2, 2)

describe('reductions with constant axes', () => {
  const cases: readonly (readonly [number | number[], boolean])[] = [
    [[1], false],
    [[-1], true],
    [[0, 2], false],
    [[2, 0, 1], true],
    [-2, false],
    [[], false]
  ]
  for (const op of reductions) {
    it.each(cases)(`${op} over axes %j, keep_dims %s`, async (axes, keep) => {
      const g = graph(
        [placeholder('x'), reduceNode('y', op, ['x', 'axes'], keep)],
        { axes: axesTensor(axes) },
        'y'
      )
      await expectParity(g, data)
    })
  }

  it('sums int32 with negative values', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('xi', 'Cast', ['x'], { SrcT: attr.type('float32'), DstT: attr.type('int32') }),
        node('y', 'Sum', ['xi', 'axes'], { keep_dims: attr.bool(false), T: attr.type('int32') })
      ],
      { axes: axesTensor([0, -1]) },
      'y'
    )
    await expectParity(g, seeded([2, 3, 4], 5, -20, 20), 0)
  })

  it('means int32 in int32, truncating toward zero like TF (TF.js returns float here)', async () => {
    const g = graph(
      [
        placeholder('x'),
        node('xi', 'Cast', ['x'], { SrcT: attr.type('float32'), DstT: attr.type('int32') }),
        node('y', 'Mean', ['xi', 'axes'], { keep_dims: attr.bool(false), T: attr.type('int32') })
      ],
      { axes: axesTensor([1]) },
      'y'
    )
    const input = tensor('float32', [2, 3], [-4, -3, 0, 4, 3, 0])
    for (const specialize of [true, false]) {
      const { output } = await runOnnx(g, input, { specialize })
      expect(toNumbers(output)).toEqual([-2, 2])
    }
  })

  it('emits nothing for an empty axis list (TF reduces no axis; ONNX would reduce all)', async () => {
    const g = graph(
      [placeholder('x'), reduceNode('y', 'Sum', ['x', 'axes'], false)],
      { axes: axesTensor([]) },
      'y'
    )
    const { onnxNodes, output } = await runOnnx(g, data, { specialize: false })
    expect(onnxNodes).toBe(1) // the output Identity only
    expect(output.shape).toEqual([2, 3, 4])
  })
})

describe('reductions with axes computed at run time', () => {
  /** axes = k + 0·int(Sum(x)): TF and the converter see the values of k only at run time. */
  const dynamicAxes = (
    k: HostTensor
  ): { nodes: TfNodeJson[]; consts: Record<string, HostTensor> } => ({
    nodes: [
      placeholder('x'),
      reduceNode('total', 'Sum', ['x', 'all'], false),
      node('ti', 'Cast', ['total'], { SrcT: attr.type('float32'), DstT: attr.type('int32') }),
      node('zero', 'Mul', ['ti', 'nought'], { T: attr.type('int32') }),
      node('axes', 'AddV2', ['zero', 'k'], { T: attr.type('int32') })
    ],
    consts: { all: axesTensor([0, 1, 2]), nought: tensor('int32', [], [0]), k }
  })
  const cases: readonly (readonly [string, number | number[], boolean])[] = [
    ['Sum', [1, -1], false],
    ['Sum', [0], true],
    ['Sum', -1, false],
    ['Sum', [], false],
    ['Mean', [0, 2], false],
    ['Mean', 1, true],
    ['Mean', [], true]
  ]
  it.each(cases)('%s over axes %j, keep_dims %s', async (op, axes, keep) => {
    const { nodes, consts } = dynamicAxes(axesTensor(axes))
    const g = graph([...nodes, reduceNode('y', op, ['x', 'axes'], keep)], consts, 'y')
    await expectParity(g, data)
  })

  it.each(['Max', 'Prod'])('%s says it needs constant axes', async (op) => {
    const { nodes, consts } = dynamicAxes(axesTensor([1]))
    const g = graph([...nodes, reduceNode('y', op, ['x', 'axes'], false)], consts, 'y')
    await expect(runOnnx(g, data, { specialize: true })).rejects.toThrow(/constant axes/)
  })
})

describe('reduction folding', () => {
  it.each(reductions)('%s of constants folds to one initializer', async (op) => {
    const g = graph(
      [placeholder('x'), reduceNode('r', op, ['k', 'axes'], false), node('y', 'AddV2', ['x', 'r'])],
      { k: seeded([3, 2, 4], 9, -2, 2), axes: axesTensor(1) },
      'y'
    )
    const { onnxNodes } = await runOnnx(g, seeded([3, 4]), { specialize: true })
    expect(onnxNodes).toBe(2) // Add and the output Identity
    await expectParity(g, seeded([3, 4]))
  })

  const fold = (op: string, t: HostTensor, axes: number[], keep = false): HostTensor => {
    const converter = reduceOps[op]
    const out = converter?.fold?.([t, axesTensor(axes)], tfNode(op, keep))[0]
    if (!out) throw new Error(`${op} did not fold`)
    return out
  }

  it('folds int32 like TF: Sum and Prod wrap, Mean truncates toward zero', () => {
    const big = tensor('int32', [2, 2], [2 ** 30, 2 ** 30, -7, 2])
    expect(toNumbers(fold('Sum', big, [1]))).toEqual([-(2 ** 31), -5])
    expect(toNumbers(fold('Prod', big, [1]))).toEqual([0, -14])
    expect(toNumbers(fold('Mean', tensor('int32', [3], [-4, -3, 0]), [0]))).toEqual([-2])
    expect(toNumbers(fold('Max', tensor('int32', [2, 0], []), [1]))).toEqual([
      -(2 ** 31),
      -(2 ** 31)
    ])
  })

  it('accepts repeated and negative axes', () => {
    const t = tensor('float32', [2, 2], [1, 2, 3, 4])
    const out = fold('Sum', t, [1, -1], true)
    expect(out.shape).toEqual([2, 1])
    expect(toNumbers(out)).toEqual([3, 7])
  })
})

describe('reduction static shapes', () => {
  const emitShape = (x: Value, axes: Value, keep: boolean): readonly (number | null)[] | null => {
    const ctx = new EmitContext(new OnnxBuilder(), { foldShapes: false })
    const [out] = reduceOps.Sum?.emit([x, axes], tfNode('Sum', keep), ctx) ?? []
    if (!out) throw new Error('Sum emitted nothing')
    return shapeOf(out)
  }
  const x = dynamic('x', 'float32', [null, 5, 1, 7])
  const axesOf = (dtype: DType, shape: number[]): Value => dynamic('axes', dtype, shape)

  it('is exact for constant axes', () => {
    expect(emitShape(x, constant(axesTensor([1, -1])), false)).toEqual([null, 1])
    expect(emitShape(x, constant(axesTensor([0, 3])), true)).toEqual([1, 5, 1, 1])
  })

  it('keeps what run-time axes cannot change', () => {
    expect(emitShape(x, axesOf('int32', [2]), true)).toEqual([null, null, 1, null])
    expect(emitShape(x, axesOf('int32', []), false)).toEqual([null, null, null])
    expect(emitShape(x, axesOf('int32', [0]), false)).toEqual([null, 5, 1, 7])
    expect(emitShape(x, axesOf('int32', [2]), false)).toBeNull()
  })
})

function tfNode(op: string, keep: boolean): TfNode {
  return { name: op.toLowerCase(), op, inputs: [], attr: { keep_dims: attr.bool(keep) } }
}
