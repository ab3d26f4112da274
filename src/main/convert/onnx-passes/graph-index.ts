import type { onnx } from 'onnx-proto'
import type { MutableGraph } from '../onnx-builder'

/** Who produces and who reads each value of a graph, and its constants by name. */
export interface GraphIndex {
  readonly producer: Map<string, onnx.INodeProto>
  readonly consumers: Map<string, onnx.INodeProto[]>
  readonly initializer: Map<string, onnx.ITensorProto>
}

export function indexGraph(graph: MutableGraph): GraphIndex {
  const producer = new Map<string, onnx.INodeProto>()
  const consumers = new Map<string, onnx.INodeProto[]>()
  for (const node of graph.nodes) {
    for (const out of node.output ?? []) producer.set(out, node)
    for (const input of node.input ?? []) {
      const list = consumers.get(input) ?? []
      list.push(node)
      consumers.set(input, list)
    }
  }
  return {
    producer,
    consumers,
    initializer: new Map(graph.initializers.map((t) => [t.name ?? '', t]))
  }
}

export const permOf = (node: onnx.INodeProto): number[] =>
  (node.attribute ?? []).find((a) => a.name === 'perm')?.ints?.map(Number) ?? []

/**
 * The one node reading `value`, or null when several do or it is a graph output: a rewrite may
 * only change a value's layout or meaning where nothing else observes it.
 */
export function soleConsumer(
  idx: GraphIndex,
  value: string,
  outputs: ReadonlySet<string>
): onnx.INodeProto | null {
  const list = idx.consumers.get(value) ?? []
  return list.length === 1 && !outputs.has(value) ? (list[0] ?? null) : null
}

/** Rewires every consumer of `from` to read `to`. */
export function replaceUses(graph: MutableGraph, from: string, to: string): void {
  for (const node of graph.nodes) {
    node.input = (node.input ?? []).map((i) => (i === from ? to : i))
  }
}

export function removeNodes(graph: MutableGraph, drop: ReadonlySet<onnx.INodeProto>): void {
  const kept = graph.nodes.filter((n) => !drop.has(n))
  graph.nodes.length = 0
  graph.nodes.push(...kept)
}

/** Constants replaced by rewritten copies are no longer read by any node. */
export function dropUnusedInitializers(graph: MutableGraph): void {
  const used = new Set(graph.nodes.flatMap((n) => n.input ?? []))
  const kept = graph.initializers.filter((t) => used.has(t.name ?? ''))
  graph.initializers.length = 0
  graph.initializers.push(...kept)
}

/** The values of a float32 constant stored as raw bytes; null for any other encoding. */
export function floatValues(t: onnx.ITensorProto): Float32Array | null {
  const raw = t.rawData
  if (!raw || t.dataType !== 1) return null
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))
}

export const isIdentity = (perm: readonly number[]): boolean => perm.every((v, i) => v === i)

/** The permutation of applying `first` then `second`. */
export const compose = (first: readonly number[], second: readonly number[]): number[] =>
  second.map((i) => first[i] ?? i)

/**
 * Commits a rewrite: removes `drop`, adds `added` and restores the topological order ONNX
 * requires (new nodes go after their producers), then drops constants nothing reads any more.
 */
export function replaceNodes(
  graph: MutableGraph,
  drop: ReadonlySet<onnx.INodeProto>,
  added: readonly onnx.INodeProto[]
): void {
  removeNodes(graph, drop)
  graph.nodes.push(...added)
  sortTopologically(graph)
  dropUnusedInitializers(graph)
}

/** Depth-first post-order over producers: keeps the existing order wherever it is valid. */
export function sortTopologically(graph: MutableGraph): void {
  const produced = new Map<string, onnx.INodeProto>()
  for (const node of graph.nodes) for (const out of node.output ?? []) produced.set(out, node)
  const done = new Set<onnx.INodeProto>()
  const sorted: onnx.INodeProto[] = []
  const visit = (node: onnx.INodeProto): void => {
    // Iterative depth-first post-order: MAXIM graphs are deep enough to overflow recursion.
    const stack: [onnx.INodeProto, number][] = [[node, 0]]
    while (stack.length) {
      const top = stack[stack.length - 1]
      if (!top) break
      const [current, next] = top
      if (done.has(current)) {
        stack.pop()
        continue
      }
      const inputs = current.input ?? []
      if (next < inputs.length) {
        top[1] = next + 1
        const dep = produced.get(inputs[next] ?? '')
        if (dep && !done.has(dep)) stack.push([dep, 0])
        continue
      }
      done.add(current)
      sorted.push(current)
      stack.pop()
    }
  }
  for (const node of graph.nodes) visit(node)
  graph.nodes.length = 0
  graph.nodes.push(...sorted)
}
