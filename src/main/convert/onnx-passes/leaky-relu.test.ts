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
  runOnnx,
  runTfjs,
  seeded
} from '../graph/testing'

const T = attr.type('float32')

/** jax.nn.leaky_relu as jax2tf writes it: SelectV2(x >= 0, x, α·x), after an add. */
function leaky(
  options: { alpha?: number; threshold?: number; alsoRead?: boolean } = {}
): TinyGraph {
  const nodes = [
    placeholder('x'),
    node('h', 'AddV2', ['x', 'bias'], { T }),
    node('nonneg', 'GreaterEqual', ['h', 'zero'], { T }),
    node('scaled', 'Mul', ['alpha', 'h'], { T }),
    node('act', 'SelectV2', ['nonneg', 'h', 'scaled'], { T })
  ]
  const consts = {
    bias: seeded([4], 3),
    zero: tensor('float32', [], [options.threshold ?? 0]),
    alpha: tensor('float32', [], [options.alpha ?? 0.2])
  }
  if (!options.alsoRead) return graph(nodes, consts, 'act')
  // The scaled branch is read elsewhere too: the pattern must stay as it is.
  nodes.push(node('y', 'AddV2', ['act', 'scaled'], { T }))
  return graph(nodes, consts, 'y')
}

const shape = [1, 3, 5, 4]

describe('fuseLeakyRelu', () => {
  it('turns where(x >= 0, x, α·x) into LeakyRelu, identical to TF.js', async () => {
    const g = leaky()
    for (const specialize of [true, false]) {
      const ops = onnxOps(convertTiny(g, shape, specialize))
      expect(ops).toContain('LeakyRelu')
      expect(ops).not.toContain('Where')
      expect(ops).not.toContain('GreaterOrEqual')
    }
    await expectParity(g, seeded(shape, 5), 0)
  })

  it('keeps −0 and NaN as the selection does', async () => {
    const g = leaky()
    const input = tensor('float32', [1, 1, 1, 4], [-0, Number.NaN, -1e-30, 3])
    const reference = await runTfjs(g, input)
    const { output } = await runOnnx(g, input, { specialize: true })
    expect(Array.from(output.data as Float32Array).map((v) => Object.is(v, -0) || v)).toEqual(
      Array.from(reference.data as Float32Array).map((v) => Object.is(v, -0) || v)
    )
  })

  it('leaves other thresholds and shared intermediates alone', async () => {
    expect(onnxOps(convertTiny(leaky({ threshold: 0.5 }), shape, true))).toContain('Where')
    const shared = leaky({ alsoRead: true })
    expect(onnxOps(convertTiny(shared, shape, true))).toContain('Where')
    await expectParity(shared, seeded(shape, 6), 1e-6)
  })
})
