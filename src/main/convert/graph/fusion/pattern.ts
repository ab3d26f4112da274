import type { HostTensor } from '../../host-tensor'
import { toNumbers } from '../../host-tensor'
import type { TfNode } from '../tf-graph'
import { attrType, splitInput } from '../tf-graph'

/**
 * Helpers for matching TF subgraphs by structure: who produces a value, who consumes it, and
 * what a constant holds. Matching works on the parsed nodes only (no shapes), so it sees the
 * same graph whether or not the conversion is later specialised.
 */
export class GraphView {
  private readonly byName = new Map<string, TfNode>()
  private readonly consumerNames = new Map<string, string[]>()

  constructor(
    nodes: readonly TfNode[],
    private readonly weights: ReadonlyMap<string, HostTensor>
  ) {
    for (const node of nodes) {
      this.byName.set(node.name, node)
      for (const ref of node.inputs) {
        const source = splitInput(ref).node
        const list = this.consumerNames.get(source) ?? []
        list.push(node.name)
        this.consumerNames.set(source, list)
      }
    }
  }

  /** The node whose first output `ref` names; undefined for another output or an unknown node. */
  producer(ref: string): TfNode | undefined {
    const { node, index } = splitInput(ref)
    return index === 0 ? this.byName.get(node) : undefined
  }

  /** The producer of `ref` when it is a float op of type `op` with `arity` inputs. */
  op(ref: string, op: string, arity: number): TfNode | undefined {
    const node = this.producer(ref)
    return node?.op === op && node.inputs.length === arity && isFloat(node) ? node : undefined
  }

  /** The names of the nodes reading any output of `name`, once per reading input. */
  consumers(name: string): readonly string[] {
    return this.consumerNames.get(name) ?? []
  }

  /** The tensor of a Const node; undefined when `ref` is not a constant. */
  constant(ref: string): HostTensor | undefined {
    const node = this.producer(ref)
    return node?.op === 'Const' ? this.weights.get(node.name) : undefined
  }

  /** The value of a one-element constant; undefined for anything else. */
  scalar(ref: string): number | undefined {
    const t = this.constant(ref)
    const values = t && t.dtype !== 'bool' ? toNumbers(t) : []
    return values.length === 1 ? values[0] : undefined
  }
}

/** A matched subgraph: the synthetic node replacing its root, and the inner nodes it absorbs. */
export interface Fusion {
  /** Named like the subgraph's root, so every consumer of the root reads it unchanged. */
  readonly node: TfNode
  readonly absorbed: readonly TfNode[]
}

/** A pattern: the fusion rooted at `root`, or undefined when the subgraph does not match. */
export type Matcher = (view: GraphView, root: TfNode) => Fusion | undefined

/**
 * Tries a commutative binary node's inputs in both orders; the first defined result wins.
 * (Grappler and jax2tf put constants on either side of Mul and AddV2.)
 */
export function eitherOrder<T>(
  node: TfNode,
  match: (a: string, b: string) => T | undefined
): T | undefined {
  const [a, b] = node.inputs
  if (a === undefined || b === undefined) return undefined
  return match(a, b) ?? match(b, a)
}

/** True when two refs name the same tensor (`n` and `n:0` are the same). */
export function sameRef(a: string, b: string): boolean {
  const x = splitInput(a)
  const y = splitInput(b)
  return x.node === y.node && x.index === y.index
}

/** Float32 comparison with a relative tolerance, for constants written by other tools. */
export function isClose(value: number | undefined, expected: number, rtol = 1e-6): boolean {
  return value !== undefined && Math.abs(value - expected) <= rtol * Math.abs(expected)
}

/**
 * True when every reader of every absorbed node is inside the subgraph, so removing them loses
 * nothing. This is what keeps the pass conservative: a shared intermediate blocks the fusion.
 */
export function isSelfContained(
  view: GraphView,
  root: TfNode,
  absorbed: readonly TfNode[]
): boolean {
  const members = new Set([root, ...absorbed].map((n) => n.name))
  if (members.size !== absorbed.length + 1) return false
  return absorbed.every((n) => view.consumers(n.name).every((c) => members.has(c)))
}

/** A node computing float32 (the type attribute TF writes as T; absent means float here). */
function isFloat(node: TfNode): boolean {
  return attrType(node, 'T', 'DT_FLOAT') === 'DT_FLOAT'
}
