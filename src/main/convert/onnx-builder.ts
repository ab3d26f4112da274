import { onnx } from 'onnx-proto'
import type { DType, HostTensor } from './host-tensor'
import { rawBytes } from './host-tensor'

export type AttributeValue =
  | number
  | string
  | readonly number[]
  | HostTensor
  | { float: number }
  | { floats: readonly number[] }

/** ONNX element types of our dtypes. */
export const onnxElementType: Readonly<Record<DType, number>> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL
}

/** The builder's node and initializer lists, for rewrite passes that edit them in place. */
export interface MutableGraph {
  readonly nodes: onnx.INodeProto[]
  readonly initializers: onnx.ITensorProto[]
}

/** A graph input or output: a name, an element type and a shape whose unknown dims are named. */
export interface ValueInfo {
  readonly name: string
  readonly dtype: DType
  readonly shape: readonly (number | string)[]
}

/**
 * Collects ONNX nodes and initializers and writes a ModelProto. Names are made unique with a
 * counter, so converters can ask for `fresh('conv')` without tracking names themselves.
 * Output is deterministic: the same calls give the same bytes.
 */
export class OnnxBuilder {
  private readonly nodes: onnx.INodeProto[] = []
  private readonly initializers: onnx.ITensorProto[] = []
  private readonly inputs: ValueInfo[] = []
  private readonly outputs: ValueInfo[] = []
  private counter = 0

  fresh(hint: string): string {
    this.counter += 1
    return `${hint.replace(/[^A-Za-z0-9_./-]/g, '_')}__${this.counter}`
  }

  /** Adds a constant tensor and returns its value name. */
  constant(t: HostTensor, hint = 'const'): string {
    const name = this.fresh(hint)
    this.initializers.push({
      name,
      dims: [...t.shape],
      dataType: onnxElementType[t.dtype],
      rawData: rawBytes(t)
    })
    return name
  }

  /** Adds a node; returns the names of its outputs (fresh unless given). */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    options: { outputs?: number | readonly string[]; name?: string } = {}
  ): string[] {
    const wanted = options.outputs ?? 1
    const outputs =
      typeof wanted === 'number'
        ? Array.from({ length: wanted }, () => this.fresh(opType.toLowerCase()))
        : [...wanted]
    this.nodes.push({
      opType,
      name: options.name ?? this.fresh(opType),
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value))
    })
    return outputs
  }

  /** Shorthand for a single-output node. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {}
  ): string {
    const [output] = this.node(opType, inputs, attributes)
    return output ?? ''
  }

  input(info: ValueInfo): string {
    this.inputs.push(info)
    return info.name
  }

  output(info: ValueInfo): void {
    this.outputs.push(info)
  }

  get nodeCount(): number {
    return this.nodes.length
  }

  /** Runs a graph rewrite over the nodes and initializers collected so far (see onnx-passes/). */
  rewrite(pass: (graph: MutableGraph) => void): void {
    pass({ nodes: this.nodes, initializers: this.initializers })
  }

  /** The serialised model. */
  build(options: { opset: number; producer: string; docString?: string }): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      producerName: options.producer,
      producerVersion: '1',
      docString: options.docString ?? '',
      opsetImport: [{ domain: '', version: options.opset }],
      graph: {
        name: 'lucid',
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo)
      }
    }
    return onnx.ModelProto.encode(model).finish()
  }
}

function valueInfo(info: ValueInfo): onnx.IValueInfoProto {
  return {
    name: info.name,
    type: {
      tensorType: {
        elemType: onnxElementType[info.dtype],
        shape: {
          dim: info.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
        }
      }
    }
  }
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new Error(`Attribute ${name}: use { float } for non-integers`)
    return { name, type: AttributeType.INT, i: value }
  }
  if (typeof value === 'string')
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) }
  if (Array.isArray(value))
    return { name, type: AttributeType.INTS, ints: [...(value as number[])] }
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float }
  if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] }
  const t = value as HostTensor
  return {
    name,
    type: AttributeType.TENSOR,
    t: { dims: [...t.shape], dataType: onnxElementType[t.dtype], rawData: rawBytes(t) }
  }
}
