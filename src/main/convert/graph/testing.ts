import { onnx } from 'onnx-proto'
import * as ort from 'onnxruntime-node'
import type { DType, HostTensor } from '../host-tensor'
import { rawBytes, sizeOf, tensor } from '../host-tensor'
import type { TfjsArtifacts, WeightSpec } from '../tfjs-artifacts'
import { loadReferenceModel } from '../tfjs-reference'
import type { OpTable } from './context'
import type { GraphConversion } from './graph-to-onnx'
import { convertGraph, INPUT_NAME, OUTPUT_NAME } from './graph-to-onnx'
import type { TfAttrValue, TfNodeJson } from './tf-graph'
import { tfOps } from './ops'

/**
 * Tiny TF graphs for op-mapping tests: the same graph runs in TF.js (the reference) and,
 * converted, in onnxruntime. Build graphs with `placeholder`, `constNode` and `node`.
 */
export interface TinyGraph {
  readonly nodes: readonly TfNodeJson[]
  readonly consts: ReadonlyMap<string, HostTensor>
  readonly output: string
}

const tfTypes: Readonly<Record<DType, string>> = {
  float32: 'DT_FLOAT',
  int32: 'DT_INT32',
  int64: 'DT_INT64',
  bool: 'DT_BOOL'
}

export function placeholder(name: string, dtype: DType = 'float32'): TfNodeJson {
  return { name, op: 'Placeholder', attr: { dtype: { type: tfTypes[dtype] } } }
}

export function node(
  name: string,
  op: string,
  inputs: readonly string[],
  attr: Record<string, TfAttrValue> = {}
): TfNodeJson {
  return { name, op, input: inputs, attr }
}

/** Attribute helpers in TF.js JSON form. */
export const attr = {
  type: (dtype: DType): TfAttrValue => ({ type: tfTypes[dtype] }),
  int: (i: number): TfAttrValue => ({ i: String(i) }),
  ints: (values: readonly number[]): TfAttrValue => ({ list: { i: values.map(String) } }),
  string: (s: string): TfAttrValue => ({ s: Buffer.from(s).toString('base64') }),
  bool: (b: boolean): TfAttrValue => ({ b }),
  float: (f: number): TfAttrValue => ({ f })
}

export function graph(
  nodes: TfNodeJson[],
  consts: Record<string, HostTensor>,
  output: string
): TinyGraph {
  const constNodes = Object.entries(consts).map(([name, t]) => ({
    name,
    op: 'Const',
    attr: {
      dtype: { type: tfTypes[t.dtype] },
      value: {
        tensor: {
          dtype: tfTypes[t.dtype],
          tensorShape: { dim: t.shape.map((d) => ({ size: String(d) })) }
        }
      }
    }
  }))
  return { nodes: [...constNodes, ...nodes], consts: new Map(Object.entries(consts)), output }
}

function artifacts(g: TinyGraph): TfjsArtifacts {
  const specs: WeightSpec[] = [...g.consts].map(([name, t]) => ({
    name,
    shape: t.shape,
    dtype: t.dtype
  }))
  const bytes = Buffer.concat([...g.consts.values()].map((t) => Buffer.from(rawBytes(t))))
  const input = g.nodes.find((n) => n.op === 'Placeholder')?.name ?? 'x'
  return {
    json: {
      format: 'graph-model',
      modelTopology: { node: g.nodes, versions: { producer: 1 }, library: {} },
      weightsManifest: [{ paths: [], weights: specs }],
      signature: {
        inputs: { x: { name: `${input}:0` } },
        outputs: { y: { name: `${g.output}:0` } }
      }
    },
    weightSpecs: specs,
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  }
}

/** Runs the graph in TF.js. */
export async function runTfjs(g: TinyGraph, input: HostTensor): Promise<HostTensor> {
  const model = await loadReferenceModel(artifacts(g))
  try {
    const out = await model.run(Float32Array.from(input.data as ArrayLike<number>), input.shape)
    return tensor('float32', out.shape, out.data)
  } finally {
    model.dispose()
  }
}

/**
 * Converts the graph and runs it in onnxruntime. `specialize` fixes the input shape and folds
 * shape arithmetic (production mode); otherwise every dimension stays dynamic.
 */
export async function runOnnx(
  g: TinyGraph,
  input: HostTensor,
  options: { specialize: boolean; ops?: OpTable }
): Promise<{ output: HostTensor; onnxNodes: number }> {
  const a = artifacts(g)
  const conversion = convertGraph(a.json, g.consts, {
    inputShape: options.specialize ? input.shape : input.shape.map(() => null),
    foldShapes: options.specialize,
    ops: options.ops ?? tfOps
  })
  const session = await ort.InferenceSession.create(conversion.model)
  try {
    const feed = new ort.Tensor(
      input.dtype === 'int32' ? 'int32' : 'float32',
      input.data as Float32Array,
      [...input.shape]
    )
    const result = await session.run({ [INPUT_NAME]: feed })
    const out = result[OUTPUT_NAME]
    if (!out) throw new Error('No output')
    const data = Float32Array.from(out.data as ArrayLike<number>, Number)
    return { output: tensor('float32', out.dims, data), onnxNodes: conversion.onnxNodes }
  } finally {
    await session.release()
  }
}

export function maxAbsDiff(a: HostTensor, b: HostTensor): number {
  if (a.shape.join() !== b.shape.join())
    throw new Error(`Shapes differ: [${a.shape.join(',')}] vs [${b.shape.join(',')}]`)
  let max = 0
  const x = a.data as ArrayLike<number>
  const y = b.data as ArrayLike<number>
  for (let i = 0; i < sizeOf(a.shape); i++) max = Math.max(max, Math.abs((x[i] ?? 0) - (y[i] ?? 0)))
  return max
}

/** Deterministic pseudo-random values in [lo, hi). */
export function seeded(shape: readonly number[], seed = 1, lo = -1, hi = 1): HostTensor {
  let s = seed >>> 0
  const data = new Float32Array(sizeOf(shape))
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    data[i] = lo + ((hi - lo) * s) / 2 ** 32
  }
  return tensor('float32', shape, data)
}

/**
 * The standard check for one op: TF.js and the converted graph agree within `tolerance`, both
 * specialised (folded) and unspecialised.
 */
export async function expectParity(
  g: TinyGraph,
  input: HostTensor,
  tolerance = 1e-5
): Promise<void> {
  const reference = await runTfjs(g, input)
  for (const specialize of [true, false]) {
    const { output } = await runOnnx(g, input, { specialize })
    const diff = maxAbsDiff(reference, output)
    if (!(diff <= tolerance)) {
      throw new Error(
        `${specialize ? 'specialised' : 'unspecialised'} graph differs from TF.js by ${diff}`
      )
    }
  }
}

/** Converts a tiny graph as the harness does, keeping the conversion (model, static shapes). */
export function convertTiny(
  g: TinyGraph,
  inputShape: readonly number[],
  specialize: boolean
): GraphConversion {
  const json = {
    modelTopology: { node: g.nodes },
    weightsManifest: [],
    signature: { outputs: { y: { name: `${g.output}:0` } } }
  }
  return convertGraph(json, g.consts, {
    inputShape: specialize ? inputShape : inputShape.map(() => null),
    foldShapes: specialize,
    ops: tfOps
  })
}

/** The op types of a converted model, in node order. */
export function onnxOps(conversion: { readonly model: Uint8Array }): string[] {
  return (onnx.ModelProto.decode(conversion.model).graph?.node ?? []).map((n) => n.opType ?? '')
}
