import { onnx } from 'onnx-proto'
import type { MutableGraph } from '../onnx-builder'
import { dropUnusedInitializers, floatValues, indexGraph, removeNodes } from './graph-index'

/**
 * Turns jax's leaky ReLU back into one ONNX op.
 *
 * jax.nn.leaky_relu is `where(x >= 0, x, α·x)`, which the conversion carries as
 *   Where(GreaterOrEqual(x, 0), x, Mul(x, α))
 * (three kernels, each a full pass over x, and Where's three inputs). ONNX's LeakyRelu is
 * defined as the same selection, so the result is identical bit for bit, including −0 and NaN;
 * onnxruntime then runs it inside the preceding convolution (Conv + LeakyRelu → FusedConv).
 * Applies only where the comparison and the product are read by nothing else.
 */
export function fuseLeakyRelu(graph: MutableGraph, graphOutputs: ReadonlySet<string>): number {
  const idx = indexGraph(graph)
  const drop = new Set<onnx.INodeProto>()
  let fused = 0
  const onlyReader = (value: string, reader: onnx.INodeProto): boolean =>
    !graphOutputs.has(value) && (idx.consumers.get(value) ?? []).every((n) => n === reader)
  const scalar = (name: string): number | undefined => {
    const t = idx.initializer.get(name)
    const values = t ? floatValues(t) : null
    return values?.length === 1 ? values[0] : undefined
  }
  for (const where of graph.nodes) {
    if (where.opType !== 'Where') continue
    const [condition = '', x = '', scaled = ''] = where.input ?? []
    const compare = idx.producer.get(condition)
    const mul = idx.producer.get(scaled)
    if (compare?.opType !== 'GreaterOrEqual' || mul?.opType !== 'Mul') continue
    if (compare.input?.[0] !== x || scalar(compare.input[1] ?? '') !== 0) continue
    const mulInputs = mul.input ?? []
    const xAt = mulInputs.indexOf(x)
    const alpha = xAt < 0 ? undefined : scalar(mulInputs[1 - xAt] ?? '')
    if (alpha === undefined || mulInputs.length !== 2) continue
    if (!onlyReader(condition, where) || !onlyReader(scaled, where)) continue
    if (drop.has(compare) || drop.has(mul)) continue
    drop.add(compare).add(mul)
    where.opType = 'LeakyRelu'
    where.input = [x]
    where.attribute = [{ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: alpha }]
    fused += 1
  }
  if (fused === 0) return 0
  removeNodes(graph, drop)
  dropUnusedInitializers(graph)
  return fused
}
