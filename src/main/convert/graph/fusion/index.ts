import type { HostTensor } from '../../host-tensor'
import type { OpTable } from '../context'
import type { TfNode } from '../tf-graph'
import { geluOps, matchGelu } from './gelu'
import { layerNormOps, matchLayerNorm } from './layer-norm'
import type { Fusion, Matcher } from './pattern'
import { GraphView } from './pattern'

const matchers: readonly Matcher[] = [matchLayerNorm, matchGelu]

/**
 * Rewrites the parsed TF graph before conversion: every subgraph one of the patterns recognises
 * (jax's LayerNorm and tanh-approximate GELU) becomes a single synthetic node, named like the
 * subgraph's root, whose converter in `fusedOps` emits the fused ONNX. The absorbed nodes are
 * dropped. Matching reads only the graph's structure and constants, never shapes, so the
 * specialised and the unspecialised conversions are rewritten alike. A pattern whose
 * intermediates are read elsewhere, or whose constants differ, is left as it is.
 */
export function fuse(nodes: readonly TfNode[], weights: ReadonlyMap<string, HostTensor>): TfNode[] {
  const view = new GraphView(nodes, weights)
  const replacements = new Map<string, TfNode>()
  const absorbed = new Set<string>()
  for (const root of nodes) {
    const fusion = firstMatch(view, root)
    if (!fusion || overlaps(fusion, replacements, absorbed)) continue
    replacements.set(root.name, fusion.node)
    for (const node of fusion.absorbed) absorbed.add(node.name)
  }
  return nodes.filter((n) => !absorbed.has(n.name)).map((n) => replacements.get(n.name) ?? n)
}

function firstMatch(view: GraphView, root: TfNode): Fusion | undefined {
  for (const match of matchers) {
    const fusion = match(view, root)
    if (fusion) return fusion
  }
  return undefined
}

/** True when a fusion would take a node an earlier fusion already took or produced. */
function overlaps(
  fusion: Fusion,
  replacements: ReadonlyMap<string, TfNode>,
  absorbed: ReadonlySet<string>
): boolean {
  return [fusion.node, ...fusion.absorbed].some(
    (n) => absorbed.has(n.name) || replacements.has(n.name)
  )
}

/** The converters of the synthetic ops `fuse` writes. */
export const fusedOps: OpTable = { ...layerNormOps, ...geluOps }
