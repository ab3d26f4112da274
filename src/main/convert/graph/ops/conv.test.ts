import { onnx } from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import type { HostTensor } from '../../host-tensor'
import { tensor } from '../../host-tensor'
import type { TfjsModelJson } from '../../tfjs-artifacts'
import type { OpConverter, OpTable } from '../context'
import { convertGraph } from '../graph-to-onnx'
import type { TinyGraph } from '../testing'
import {
  attr,
  expectParity,
  graph,
  maxAbsDiff,
  node,
  placeholder,
  runOnnx,
  runTfjs,
  seeded
} from '../testing'
import type { TfNodeJson } from '../tf-graph'
import { constant, dynamic, isStaticShape, shapeOf } from '../value'
import { tfOps } from '.'
import { permuteTensor } from './conv'

/*
 * Tolerances: 1e-5 for a handful of channels. Convs with many input channels sum hundreds of
 * float32 products, and TF.js and onnxruntime accumulate them in different orders (and ORT uses
 * FMA/blocked GEMM), so rounding differs by a few ulps of the sum: 1e-4 there.
 */
const FEW_CHANNELS = 1e-5
const MANY_CHANNELS = 1e-4

type Padding = 'SAME' | 'VALID'

/** The attributes TF writes on a Conv2D / Conv2DBackpropInput (copied from the MAXIM models). */
function convAttrs(padding: Padding, stride: number): TfNodeJson['attr'] {
  return {
    padding: attr.string(padding),
    data_format: attr.string('NHWC'),
    strides: attr.ints([1, stride, stride, 1]),
    use_cudnn_on_gpu: attr.bool(true),
    T: attr.type('float32'),
    explicit_paddings: { list: {} },
    dilations: attr.ints([1, 1, 1, 1])
  }
}

/** x [1, h, w, cin] → Conv2D with a seeded [k, k, cin, cout] filter. */
function conv2dGraph(k: number, cin: number, cout: number, padding: Padding, stride: number) {
  return graph(
    [placeholder('x'), node('y', 'Conv2D', ['x', 'f'], convAttrs(padding, stride))],
    { f: seeded([k, k, cin, cout], 7) },
    'y'
  )
}

/** dy [1, h, w, cin] → Conv2DBackpropInput to constant input_sizes [1, H, W, cout]. */
function transposedConvGraph(
  k: number,
  cin: number,
  sizes: readonly [number, number, number, number],
  padding: Padding = 'VALID'
): TinyGraph {
  return graph(
    [
      placeholder('dy'),
      node('y', 'Conv2DBackpropInput', ['sizes', 'f', 'dy'], convAttrs(padding, 2))
    ],
    { sizes: tensor('int32', [4], sizes), f: seeded([k, k, sizes[3], cin], 11) },
    'y'
  )
}

/** The converted ONNX model, decoded, to inspect its nodes. */
function converted(g: TinyGraph, inputShape: readonly (number | null)[]): onnx.ModelProto {
  const json: TfjsModelJson = {
    format: 'graph-model',
    modelTopology: { node: g.nodes },
    weightsManifest: [],
    signature: { outputs: { y: { name: `${g.output}:0` } } }
  }
  const specialize = isStaticShape(inputShape)
  const { model } = convertGraph(json, g.consts, { inputShape, foldShapes: specialize, ops: tfOps })
  return onnx.ModelProto.decode(model)
}

const attribute = (n: onnx.INodeProto, name: string): onnx.IAttributeProto | undefined =>
  n.attribute?.find((a) => a.name === name)

describe('Conv2D', () => {
  const cases: [string, number, Padding, number, number[]][] = [
    ['3×3 SAME stride 1, even size', 3, 'SAME', 1, [1, 6, 8, 3]],
    ['3×3 SAME stride 1, odd size', 3, 'SAME', 1, [1, 7, 5, 3]],
    ['2×2 SAME stride 1 (the odd pad pixel goes at the end)', 2, 'SAME', 1, [1, 5, 6, 2]],
    ['3×3 SAME stride 2, even size', 3, 'SAME', 2, [1, 8, 6, 3]],
    ['3×3 SAME stride 2, odd size', 3, 'SAME', 2, [1, 7, 9, 3]],
    ['4×4 SAME stride 2, odd size', 4, 'SAME', 2, [1, 9, 7, 2]],
    ['1×1 SAME stride 2, odd size', 1, 'SAME', 2, [1, 5, 7, 3]],
    ['3×3 VALID stride 1', 3, 'VALID', 1, [1, 7, 6, 3]],
    ['1×1 VALID stride 1', 1, 'VALID', 1, [1, 5, 4, 3]],
    ['3×3 VALID stride 2, odd size', 3, 'VALID', 2, [1, 9, 8, 2]]
  ]
  for (const [title, k, padding, stride, shape] of cases) {
    it(`matches TF.js: ${title}`, async () => {
      const cin = shape[3] ?? 0
      await expectParity(conv2dGraph(k, cin, 4, padding, stride), seeded(shape, 3), FEW_CHANNELS)
    })
  }

  it('matches TF.js with many channels (3×3 SAME and 1×1 VALID)', async () => {
    const x = seeded([1, 9, 10, 48], 5)
    await expectParity(conv2dGraph(3, 48, 40, 'SAME', 1), x, MANY_CHANNELS)
    await expectParity(conv2dGraph(1, 48, 40, 'VALID', 1), x, MANY_CHANNELS)
  })

  it('emits Transpose → Conv → Transpose with an OIHW weight and explicit pads', () => {
    const g = conv2dGraph(3, 3, 4, 'SAME', 2)
    const model = converted(g, [1, 7, 9, 3])
    const nodes = model.graph?.node ?? []
    expect(nodes.map((n) => n.opType)).toEqual(['Transpose', 'Conv', 'Transpose', 'Identity'])
    const [toNchw, conv, toNhwc] = nodes
    expect(conv?.input?.[0]).toBe(toNchw?.output?.[0])
    expect(toNhwc?.input?.[0]).toBe(conv?.output?.[0])
    // SAME, stride 2: H 7 → total 2 → [1, 1]; W 9 → total 2 → [1, 1].
    expect(attribute(conv!, 'pads')?.ints?.map(Number)).toEqual([1, 1, 1, 1])
    const weight = model.graph?.initializer?.find((t) => t.name === conv?.input?.[1])
    expect(weight?.dims?.map(Number)).toEqual([4, 3, 3, 3])
  })

  it('uses auto_pad SAME_UPPER only where pads depend on an unknown size', () => {
    const padOf = (stride: number): string => {
      const conv = converted(conv2dGraph(3, 3, 4, 'SAME', stride), [
        null,
        null,
        null,
        null
      ]).graph?.node?.find((n) => n.opType === 'Conv')
      const autoPad = attribute(conv!, 'auto_pad')?.s
      return autoPad
        ? Buffer.from(autoPad).toString()
        : `pads ${attribute(conv!, 'pads')?.ints?.map(Number).join(',')}`
    }
    expect(padOf(2)).toBe('SAME_UPPER')
    expect(padOf(1)).toBe('pads 1,1,1,1')
  })
})

/** A test-only TF Shape (int32): folded when shapes are specialised, else emitted. */
const shapeOp: OpConverter = {
  emit: ([x], _node, ctx) => {
    if (!x) throw new Error('Shape needs an input')
    const shape = shapeOf(x)
    if (ctx.options.foldShapes && isStaticShape(shape))
      return [constant(tensor('int32', [shape.length], shape))]
    const dims = ctx.builder.op('Shape', [ctx.name(x)])
    const int32 = ctx.builder.op('Cast', [dims], { to: onnx.TensorProto.DataType.INT32 })
    return [dynamic(int32, 'int32', [shape?.length ?? null])]
  }
}

/** expectParity with a custom op table (the harness's version always uses tfOps). */
async function expectParityWith(
  g: TinyGraph,
  input: HostTensor,
  ops: OpTable,
  tolerance: number
): Promise<void> {
  const reference = await runTfjs(g, input)
  for (const specialize of [true, false]) {
    const { output } = await runOnnx(g, input, { specialize, ops })
    expect(
      maxAbsDiff(reference, output),
      specialize ? 'specialised' : 'unspecialised'
    ).toBeLessThanOrEqual(tolerance)
  }
}

describe('Conv2DBackpropInput', () => {
  // VALID, stride 2: out_backprop h = floor((H - k) / 2) + 1, so both an even and an odd H map
  // to the same h; only input_sizes tells them apart (output_padding 1 or 0 for k = 3).
  const cases: [string, number, [number, number, number, number], number[]][] = [
    ['3×3, even output size', 3, [1, 8, 10, 3], [1, 3, 4, 2]],
    ['3×3, odd output size', 3, [1, 7, 9, 3], [1, 3, 4, 2]],
    ['2×2, even output size', 2, [1, 8, 6, 3], [1, 4, 3, 2]],
    ['2×2, odd output size', 2, [1, 9, 7, 3], [1, 4, 3, 2]]
  ]
  for (const [title, k, sizes, dyShape] of cases) {
    it(`VALID stride 2 matches TF.js: ${title}`, async () => {
      const cin = dyShape[3] ?? 0
      await expectParity(transposedConvGraph(k, cin, sizes), seeded(dyShape, 4), FEW_CHANNELS)
    })
  }

  it('VALID stride 2 matches TF.js with many channels', async () => {
    const g = transposedConvGraph(2, 64, [1, 11, 8, 32])
    await expectParity(g, seeded([1, 5, 4, 64], 9), MANY_CHANNELS)
  })

  it('SAME stride 2 with constant input_sizes matches TF.js', async () => {
    const g = transposedConvGraph(3, 2, [1, 7, 8, 3], 'SAME')
    const input = seeded([1, 4, 4, 2], 6)
    const reference = await runTfjs(g, input)
    const { output } = await runOnnx(g, input, { specialize: true })
    expect(maxAbsDiff(reference, output)).toBeLessThanOrEqual(FEW_CHANNELS)
  })

  it('sets the output size from input_sizes computed at run time', async () => {
    // x [1, H, W, 3] → Conv2D VALID stride 2 → dy; y = Conv2DBackpropInput(Shape(x), f, dy) has
    // x's shape. Unspecialised, input_sizes is a dynamic tensor.
    const g = graph(
      [
        placeholder('x'),
        node('dy', 'Conv2D', ['x', 'down'], convAttrs('VALID', 2)),
        node('sizes', 'Shape', ['x'], { T: attr.type('float32'), out_type: attr.type('int32') }),
        node('y', 'Conv2DBackpropInput', ['sizes', 'up', 'dy'], convAttrs('VALID', 2))
      ],
      { down: seeded([3, 3, 3, 5], 12), up: seeded([3, 3, 3, 5], 13) },
      'y'
    )
    const ops = { ...tfOps, Shape: shapeOp }
    await expectParityWith(g, seeded([1, 9, 8, 3], 14), ops, FEW_CHANNELS)
    await expectParityWith(g, seeded([1, 8, 11, 3], 15), ops, FEW_CHANNELS)
  })

  it('explains why SAME with input_sizes known only at run time is not converted', () => {
    const g = graph(
      [
        placeholder('x'),
        node('sizes', 'Shape', ['x'], { T: attr.type('float32'), out_type: attr.type('int32') }),
        node('y', 'Conv2DBackpropInput', ['sizes', 'f', 'x'], convAttrs('SAME', 2))
      ],
      { f: seeded([3, 3, 2, 2], 1) },
      'y'
    )
    const json: TfjsModelJson = {
      modelTopology: { node: g.nodes },
      weightsManifest: [],
      signature: { outputs: { y: { name: 'y:0' } } }
    }
    const options = { inputShape: [null, null, null, null], foldShapes: false }
    expect(() =>
      convertGraph(json, g.consts, { ...options, ops: { ...tfOps, Shape: shapeOp } })
    ).toThrow(/SAME padding needs constant input_sizes/)
  })
})

describe('permuteTensor', () => {
  it('moves HWIO to OIHW', () => {
    // [kh=1, kw=2, in=2, out=3], value = 100·kw + 10·in + out.
    const values = [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]
    const t = permuteTensor(tensor('float32', [1, 2, 2, 3], values), [3, 2, 0, 1])
    expect(t.shape).toEqual([3, 2, 1, 2])
    // OIHW [o, i, 0, w] = 100·w + 10·i + o.
    expect(Array.from(t.data as Float32Array)).toEqual([
      0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112
    ])
  })
})
