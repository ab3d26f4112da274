import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { onnx } from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import type { HostTensor } from '../../host-tensor'
import { scalar, tensor } from '../../host-tensor'
import type { TfjsModelJson } from '../../tfjs-artifacts'
import { convertGraph } from '../graph-to-onnx'
import { tfOps } from '../ops'
import type { TfAttrValue, TfNodeJson } from '../tf-graph'
import type { TinyGraph } from '../testing'
import { attr, convertTiny, expectParity, graph, node, placeholder, seeded } from '../testing'

const SHAPE = [2, 3, 5, 8]
const CHANNELS = 8
const float = attr.type('float32')
const int = attr.type('int32')
const f32 = (value: number): HostTensor => scalar('float32', value)
const i32 = (values: readonly number[], shape = [values.length]): HostTensor =>
  tensor('int32', shape, values)

/** A float node with the T attribute TF writes. */
const op = (
  name: string,
  type: string,
  inputs: readonly string[],
  extra: Record<string, TfAttrValue> = {}
): TfNodeJson => node(name, type, inputs, { T: float, ...extra })

/** Converts `g` (not run) and counts the ONNX op types. */
function onnxOpCounts(g: TinyGraph, specialize: boolean): Record<string, number> {
  return countOps(onnx.ModelProto.decode(convertTiny(g, SHAPE, specialize).model))
}

function countOps(model: onnx.ModelProto): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const n of model.graph?.node ?? []) {
    const key = n.domain ? `${n.domain}:${n.opType ?? ''}` : (n.opType ?? '')
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

// ---------------------------------------------------------------------------------------------
// LayerNorm
// ---------------------------------------------------------------------------------------------

/** x's leading dimensions as run-time scalars, and keepdims shapes packed from them (jax2tf's). */
function keepDimsNodes(): TfNodeJson[] {
  const dim = (k: number): TfNodeJson =>
    node(`d${k}`, 'StridedSlice', ['shape', `k${k}`, `k${k}_end`, 'stride'], {
      T: int,
      Index: int,
      begin_mask: attr.int(0),
      end_mask: attr.int(0),
      ellipsis_mask: attr.int(0),
      new_axis_mask: attr.int(0),
      shrink_axis_mask: attr.int(1)
    })
  const pack = (name: string): TfNodeJson =>
    node(name, 'Pack', ['d0', 'd1', 'd2', 'unit'], { N: attr.int(4), axis: attr.int(0), T: int })
  return [
    node('shape', 'Shape', ['x'], { T: float, out_type: int }),
    dim(0),
    dim(1),
    dim(2),
    pack('mean_shape'),
    pack('var_shape')
  ]
}

interface LayerNormOptions {
  /** The constant jax multiplies the sums by (1/C when the graph is a LayerNorm). */
  readonly reciprocal?: number
  /** Also read the reshaped mean after the LayerNorm (an intermediate with a second consumer). */
  readonly shareMean?: boolean
  /** keepdims shapes as constants (an exporter that folded them) rather than run-time Packs. */
  readonly constantShapes?: boolean
}

/**
 * jax's LayerNorm exactly as the MAXIM graphs hold it (names after .../LayerNorm_x/): means by
 * Sum·(1/C), var = Maximum(0, E[x²] − E[x]²), Reshape'd back by Packs of run-time dimensions.
 */
function layerNormGraph(options: LayerNormOptions = {}): TinyGraph {
  const sum = (name: string, input: string): TfNodeJson =>
    op(name, 'Sum', [input, 'axis'], { Tidx: int, keep_dims: attr.bool(false) })
  const reshape = (name: string, input: string, shape: string): TfNodeJson =>
    op(name, 'Reshape', [input, shape], { Tshape: int })
  const nodes = [
    placeholder('x'),
    ...(options.constantShapes ? [] : keepDimsNodes()),
    sum('sum', 'x'),
    op('mean', 'Mul', ['sum', 'recip']),
    op('x_squared', 'Square', ['x']),
    sum('sum_squares', 'x_squared'),
    op('mean_squares', 'Mul', ['sum_squares', 'recip_1']),
    op('mean_squared', 'Square', ['mean']),
    op('difference', 'Sub', ['mean_squares', 'mean_squared']),
    op('variance', 'Maximum', ['zero', 'difference']),
    reshape('variance_kept', 'variance', 'var_shape'),
    op('shifted', 'AddV2', ['variance_kept', 'eps']),
    op('inv', 'Rsqrt', ['shifted']),
    op('factor', 'Mul', ['inv', 'gamma']),
    reshape('mean_kept', 'mean', 'mean_shape'),
    op('centred', 'Sub', ['x', 'mean_kept']),
    op('scaled', 'Mul', ['centred', 'factor']),
    op('y', 'AddV2', ['scaled', 'beta']),
    ...(options.shareMean ? [op('out', 'AddV2', ['y', 'mean_kept'])] : [])
  ]
  const reciprocal = options.reciprocal ?? 1 / CHANNELS
  const keepDims = [...SHAPE.slice(0, -1), 1]
  const shapes: Record<string, HostTensor> = options.constantShapes
    ? { mean_shape: i32(keepDims), var_shape: i32(keepDims) }
    : {}
  const consts = {
    ...shapes,
    ...Object.fromEntries(
      [0, 1, 2].flatMap((k) => [
        [`k${k}`, i32([k])],
        [`k${k}_end`, i32([k + 1])]
      ])
    ),
    stride: i32([1]),
    unit: i32([1], []),
    axis: i32([3]),
    recip: f32(reciprocal),
    recip_1: f32(reciprocal),
    zero: f32(0),
    eps: f32(1e-6),
    gamma: seeded([1, 1, 1, CHANNELS], 7, 0.5, 1.5),
    beta: seeded([1, 1, 1, CHANNELS], 8, -0.5, 0.5)
  }
  return graph(nodes, consts, options.shareMean ? 'out' : 'y')
}

/** Activations with a non-zero mean, as LayerNorm inputs have. */
const activations = seeded(SHAPE, 3, -1, 3)

describe('jax LayerNorm fusion', () => {
  it.each([true, false])(
    'emits one LayerNormalization and no decomposed ops (specialised: %s)',
    (specialize) => {
      expect(onnxOpCounts(layerNormGraph(), specialize)).toEqual({
        LayerNormalization: 1,
        Identity: 1
      })
    }
  )

  it('matches TF.js', async () => {
    await expectParity(layerNormGraph(), activations)
  })

  it('also fuses keepdims shapes that are constants', async () => {
    const g = layerNormGraph({ constantShapes: true })
    for (const specialize of [true, false])
      expect(onnxOpCounts(g, specialize)).toEqual({ LayerNormalization: 1, Identity: 1 })
    await expectParity(g, activations)
  })

  it('leaves the pattern alone when an intermediate has another consumer', async () => {
    const g = layerNormGraph({ shareMean: true })
    for (const specialize of [true, false]) {
      const counts = onnxOpCounts(g, specialize)
      expect(counts.LayerNormalization).toBeUndefined()
      expect(counts.ReduceSum).toBe(2)
    }
    await expectParity(g, activations)
  })

  it('leaves the pattern alone when the mean is not over C channels', async () => {
    const g = layerNormGraph({ reciprocal: 1 / (CHANNELS + 1) })
    expect(onnxOpCounts(g, true).LayerNormalization).toBeUndefined()
    await expectParity(g, activations)
  })
})

// ---------------------------------------------------------------------------------------------
// GELU
// ---------------------------------------------------------------------------------------------

/**
 * jax.nn.gelu(approximate=True) as the MAXIM graphs hold it,
 * (0.5·x)·(1 + Tanh(√(2/π)·(x + (0.044715·x)·Square(x)))), on x = AddV2(input, bias) as their
 * GELUs follow a biased Einsum. An AddV2 reads the GELU, as the next layer does in MAXIM:
 * onnxruntime does not fuse a GELU whose output is the graph's output.
 */
function geluGraph(options: { shareTanh?: boolean } = {}): TinyGraph {
  const nodes = [
    placeholder('input'),
    op('x', 'AddV2', ['input', 'bias']),
    op('half', 'Mul', ['c_half', 'x']),
    op('scaled_x', 'Mul', ['c_cubic', 'x']),
    op('x_squared', 'Square', ['x']),
    op('cubic', 'Mul', ['scaled_x', 'x_squared']),
    op('inner', 'AddV2', ['x', 'cubic']),
    op('argument', 'Mul', ['c_sqrt_2_over_pi', 'inner']),
    op('tanh', 'Tanh', ['argument']),
    op('one_plus', 'AddV2', ['c_one', 'tanh']),
    op('y', 'Mul', ['half', 'one_plus']),
    op('out', 'AddV2', ['y', options.shareTanh ? 'tanh' : 'bias'])
  ]
  const consts = {
    bias: seeded([1, 1, 1, CHANNELS], 9, -0.5, 0.5),
    c_half: f32(0.5),
    c_cubic: f32(0.044715),
    c_sqrt_2_over_pi: f32(Math.sqrt(2 / Math.PI)),
    c_one: f32(1)
  }
  return graph(nodes, consts, 'out')
}

/** The op counts of `g` as onnxruntime optimises it (level "extended" runs FastGeluFusion). */
async function optimisedOpCounts(g: TinyGraph): Promise<Record<string, number>> {
  const json: TfjsModelJson = {
    modelTopology: { node: g.nodes },
    weightsManifest: [],
    signature: { outputs: { y: { name: `${g.output}:0` } } }
  }
  const { model } = convertGraph(json, g.consts, {
    inputShape: SHAPE,
    foldShapes: true,
    ops: tfOps
  })
  const dir = await mkdtemp(join(tmpdir(), 'lucid-fusion-'))
  try {
    const optimizedModelFilePath = join(dir, 'optimised.onnx')
    const session = await ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'extended',
      optimizedModelFilePath
    })
    await session.release()
    return countOps(onnx.ModelProto.decode(await readFile(optimizedModelFilePath)))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const geluInput = seeded(SHAPE, 5, -4, 4)

describe('jax GELU (tanh approximation) fusion', () => {
  it.each([true, false])(
    "emits the op sequence of onnxruntime's FastGeluFusion (specialised: %s)",
    (specialize) => {
      expect(onnxOpCounts(geluGraph(), specialize)).toEqual({
        Add: 4, // the bias, x + 0.044715·x³, 1 + tanh, the consumer
        Pow: 1,
        Mul: 4,
        Tanh: 1,
        Identity: 1
      })
    }
  )

  it('becomes one com.microsoft FastGelu in onnxruntime', async () => {
    const counts = await optimisedOpCounts(geluGraph())
    expect(counts['com.microsoft:FastGelu']).toBe(1)
    for (const decomposed of ['Pow', 'Tanh', 'Mul']) expect(counts[decomposed]).toBeUndefined()
  })

  it('matches TF.js', async () => {
    await expectParity(geluGraph(), geluInput)
  })

  it('leaves the pattern alone when an intermediate has another consumer', async () => {
    const g = geluGraph({ shareTanh: true })
    for (const specialize of [true, false]) {
      const counts = onnxOpCounts(g, specialize)
      expect(counts.Pow).toBeUndefined()
      expect(counts.Tanh).toBe(1)
    }
    await expectParity(g, geluInput)
  })
})
