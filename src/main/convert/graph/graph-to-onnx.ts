import type { HostTensor } from '../host-tensor'
import { OnnxBuilder } from '../onnx-builder'
import { mixAlongAxisInPlace } from '../onnx-passes/axis-mixing'
import { sliceChannelsAtTheProduct } from '../onnx-passes/channel-slices'
import { fuseLeakyRelu } from '../onnx-passes/leaky-relu'
import { removeTransposePairs } from '../onnx-passes/transposes'
import type { TfjsModelJson } from '../tfjs-artifacts'
import type { ConvertOptions, OpTable } from './context'
import { EmitContext } from './context'
import { fuse, fusedOps } from './fusion'
import type { TfNode, TfNodeJson } from './tf-graph'
import { attrType, parseNodes, splitInput } from './tf-graph'
import type { Value } from './value'
import { constant, dtypeFromTf, dtypeOf, dynamic, shapeOf } from './value'

export const INPUT_NAME = 'input'
export const OUTPUT_NAME = 'output'

export interface GraphConversionOptions extends ConvertOptions {
  /** NHWC input shape; null dimensions stay dynamic (named batch, height, width). */
  readonly inputShape: readonly (number | null)[]
  readonly ops: OpTable
  readonly opset?: number
  readonly docString?: string
}

export interface GraphConversion {
  readonly model: Uint8Array
  readonly onnxNodes: number
  readonly tfNodes: number
  /** TF nodes whose outputs were computed at conversion time. */
  readonly foldedNodes: number
  readonly outputShape: readonly (number | null)[] | null
  /** Multiply-accumulates of all convolutions and matrix products (exact when specialised). */
  readonly macs: number
  /** Products whose size was dynamic and so not counted in `macs`. */
  readonly uncountedProducts: number
}

/**
 * Converts a TF.js graph model to ONNX. Every node reachable from the output is either folded
 * (all inputs constant: computed here) or emitted as ONNX ops. Unknown ops fail loudly: nothing
 * is approximated or skipped.
 */
export function convertGraph(
  json: TfjsModelJson,
  weights: ReadonlyMap<string, HostTensor>,
  options: GraphConversionOptions
): GraphConversion {
  const topology = json.modelTopology as { node: readonly TfNodeJson[] }
  const nodes = new Map(fuse(parseNodes(topology.node), weights).map((n) => [n.name, n]))
  const builder = new OnnxBuilder()
  const ctx = new EmitContext(builder, options)
  const outputs = new Map<string, Value[]>()
  let folded = 0

  const outputRef = signatureOutput(json) ?? lastNode(topology.node)
  const order = topologicalOrder(nodes, splitInput(outputRef).node)

  for (const node of order) {
    const inputs = node.inputs.map((ref) => {
      const { node: source, index } = splitInput(ref)
      const value = outputs.get(source)?.[index]
      if (!value) throw new Error(`${node.name}: input ${ref} has no value`)
      return value
    })
    outputs.set(node.name, convertNode(node, inputs))
  }

  function convertNode(node: TfNode, inputs: Value[]): Value[] {
    switch (node.op) {
      case 'Const': {
        const weight = weights.get(node.name)
        if (!weight) throw new Error(`Const ${node.name} has no weight data`)
        folded += 1
        return [constant(weight)]
      }
      case 'Placeholder': {
        const dtype = dtypeFromTf(attrType(node, 'dtype', 'DT_FLOAT'))
        const dims = ['batch', 'height', 'width', 'channels']
        builder.input({
          name: INPUT_NAME,
          dtype,
          shape: options.inputShape.map((d, i) => d ?? dims[i] ?? `d${i}`)
        })
        return [dynamic(INPUT_NAME, dtype, options.inputShape)]
      }
      case 'Identity':
      case 'StopGradient':
        return inputs.slice(0, 1)
      default: {
        const converter = options.ops[node.op] ?? fusedOps[node.op]
        if (!converter) throw new Error(`Unsupported TF op ${node.op} (${node.name})`)
        if (converter.fold && inputs.every((v) => v.kind === 'const')) {
          folded += 1
          return converter
            .fold(
              inputs.map((v) => (v as { tensor: HostTensor }).tensor),
              node
            )
            .map(constant)
        }
        return converter.emit(inputs, node, ctx)
      }
    }
  }

  const { node: outNode, index } = splitInput(outputRef)
  const result = outputs.get(outNode)?.[index]
  if (!result) throw new Error(`Output ${outputRef} was not produced`)
  builder.node('Identity', [ctx.name(result)], {}, { outputs: [OUTPUT_NAME] })
  const outShape = shapeOf(result)
  const dims = ['batch', 'out_height', 'out_width', 'channels']
  builder.output({
    name: OUTPUT_NAME,
    dtype: dtypeOf(result),
    shape: (outShape ?? []).map((d, i) => d ?? dims[i] ?? `o${i}`)
  })

  // Mix along spatial axes without moving data (onnx-passes/axis-mixing.ts), undo the layout
  // changes wrapped around each convolution (onnx-passes/transposes.ts), and give jax's leaky
  // ReLU back its one-op form (onnx-passes/leaky-relu.ts).
  const graphOutputs = new Set([OUTPUT_NAME])
  builder.rewrite((graph) => mixAlongAxisInPlace(graph, graphOutputs))
  builder.rewrite((graph) => removeTransposePairs(graph, graphOutputs))
  builder.rewrite((graph) => fuseLeakyRelu(graph, graphOutputs))
  // Compute the gated MLPs' channel halves at the dense layer rather than splitting its output
  // (onnx-passes/channel-slices.ts); it needs the ranks the conversion knew.
  const shapes = new Map<string, readonly (number | null)[]>()
  for (const values of outputs.values()) {
    for (const value of values)
      if (value.kind === 'dyn' && value.shape) shapes.set(value.name, value.shape)
  }
  builder.rewrite((graph) => sliceChannelsAtTheProduct(graph, graphOutputs, shapes))

  return {
    model: builder.build({
      opset: options.opset ?? 17,
      producer: 'lucid-converter',
      docString: options.docString
    }),
    onnxNodes: builder.nodeCount,
    tfNodes: order.length,
    foldedNodes: folded,
    outputShape: outShape,
    macs: ctx.macs,
    uncountedProducts: ctx.uncountedProducts
  }
}

function signatureOutput(json: TfjsModelJson): string | undefined {
  const signature = json.signature as { outputs?: Record<string, { name?: string }> } | undefined
  const first = signature?.outputs ? Object.values(signature.outputs)[0] : undefined
  return first?.name?.replace(/:0$/, '')
}

function lastNode(nodes: readonly TfNodeJson[]): string {
  const last = nodes.at(-1)
  if (!last) throw new Error('The graph has no nodes')
  return last.name
}

/** The nodes the output depends on, inputs first (iterative: the graphs are thousands deep). */
function topologicalOrder(nodes: ReadonlyMap<string, TfNode>, output: string): TfNode[] {
  const order: TfNode[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: { name: string; expanded: boolean }[] = [{ name: output, expanded: false }]
  while (stack.length > 0) {
    const top = stack.pop()
    if (!top) break
    const node = nodes.get(top.name)
    if (!node) throw new Error(`Graph references a missing node ${top.name}`)
    if (top.expanded) {
      state.set(top.name, 'done')
      order.push(node)
      continue
    }
    if (state.get(top.name) === 'done') continue
    if (state.get(top.name) === 'visiting') continue
    state.set(top.name, 'visiting')
    stack.push({ name: top.name, expanded: true })
    for (const ref of node.inputs) {
      const source = splitInput(ref).node
      if (state.get(source) !== 'done') stack.push({ name: source, expanded: false })
    }
  }
  return order
}
