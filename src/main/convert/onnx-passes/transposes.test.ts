import { onnx } from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import { tensor } from '../host-tensor'
import { convertGraph } from '../graph/graph-to-onnx'
import { tfOps } from '../graph/ops'
import type { TinyGraph } from '../graph/testing'
import { attr, expectParity, graph, node, placeholder, seeded } from '../graph/testing'

const conv = (name: string, input: string, filter: string): ReturnType<typeof node> =>
  node(name, 'Conv2D', [input, filter], {
    T: attr.type('float32'),
    strides: attr.ints([1, 1, 1, 1]),
    padding: attr.string('SAME'),
    data_format: attr.string('NHWC'),
    dilations: attr.ints([1, 1, 1, 1])
  })

/** x → Conv → +bias → Conv → +bias: TF's layout, two Conv2Ds in a row. */
const chain: TinyGraph = graph(
  [
    placeholder('x'),
    conv('c1', 'x', 'w1'),
    node('b1', 'AddV2', ['c1', 'bias1']),
    conv('c2', 'b1', 'w2'),
    node('b2', 'AddV2', ['c2', 'bias2'])
  ],
  {
    w1: seeded([3, 3, 3, 4], 3),
    bias1: seeded([4], 4),
    w2: seeded([3, 3, 4, 2], 5),
    bias2: tensor('float32', [2], [0.5, -0.5])
  },
  'b2'
)

function opTypes(model: Uint8Array): string[] {
  return (onnx.ModelProto.decode(model).graph?.node ?? []).map((n) => n.opType ?? '')
}

describe('removeTransposePairs', () => {
  it('cancels the transposes between consecutive convolutions and keeps the result', async () => {
    const json = {
      modelTopology: { node: chain.nodes },
      weightsManifest: [],
      signature: { outputs: { y: { name: 'b2:0' } } }
    }
    const model = convertGraph(json, chain.consts, {
      inputShape: [1, 6, 5, 3],
      foldShapes: true,
      ops: tfOps
    }).model
    const types = opTypes(model)
    // One Transpose into NCHW at the input, one back to NHWC at the output: the pair between
    // the convolutions is gone, and the first bias Add now runs in NCHW.
    expect(types.filter((t) => t === 'Transpose')).toHaveLength(2)
    expect(types.filter((t) => t === 'Conv')).toHaveLength(2)
    const decoded = onnx.ModelProto.decode(model)
    const used = new Set((decoded.graph?.node ?? []).flatMap((n) => n.input ?? []))
    expect((decoded.graph?.initializer ?? []).every((t) => used.has(t.name ?? ''))).toBe(true)
    await expectParity(chain, seeded([1, 6, 5, 3], 7), 1e-5)
  })
})
