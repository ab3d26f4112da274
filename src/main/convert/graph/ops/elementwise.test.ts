import { describe, expect, it } from 'vitest'
import { tensor } from '../../host-tensor'
import { expectParity, graph, node, placeholder, runOnnx, seeded } from '../testing'

describe('element-wise ops', () => {
  it('AddV2 and Mul broadcast like TF', async () => {
    const g = graph(
      [placeholder('x'), node('a', 'AddV2', ['x', 'bias']), node('m', 'Mul', ['a', 'scale'])],
      { bias: seeded([3], 2), scale: tensor('float32', [1, 1, 1, 3], [2, -1, 0.5]) },
      'm'
    )
    await expectParity(g, seeded([1, 5, 4, 3]))
  })

  it('folds an all-constant subgraph into one initializer', async () => {
    const g = graph(
      [placeholder('x'), node('c', 'Mul', ['k1', 'k2']), node('y', 'AddV2', ['x', 'c'])],
      { k1: tensor('float32', [3], [1, 2, 3]), k2: tensor('float32', [3], [4, 5, 6]) },
      'y'
    )
    const { output, onnxNodes } = await runOnnx(g, seeded([1, 2, 2, 3]), { specialize: true })
    expect(onnxNodes).toBe(2) // Add and the output Identity: the Mul was computed at conversion
    expect(output.shape).toEqual([1, 2, 2, 3])
  })
})
