/**
 * A TF.js graph model's topology (a TensorFlow GraphDef in JSON) and typed access to node
 * attributes.
 */
export interface TfAttrValue {
  readonly s?: string
  readonly i?: string | number
  readonly f?: number
  readonly b?: boolean
  readonly type?: string
  readonly shape?: { dim?: readonly { size?: string | number }[]; unknownRank?: boolean }
  readonly list?: {
    i?: readonly (string | number)[]
    f?: readonly number[]
    s?: readonly string[]
    type?: readonly string[]
  }
  readonly tensor?: {
    dtype?: string
    tensorShape?: { dim?: readonly { size?: string | number }[] }
  }
}

export interface TfNodeJson {
  readonly name: string
  readonly op: string
  readonly input?: readonly string[]
  readonly attr?: Readonly<Record<string, TfAttrValue>>
}

export interface TfNode {
  readonly name: string
  readonly op: string
  /** Data inputs as `node` or `node:k`; control inputs (`^node`) are dropped. */
  readonly inputs: readonly string[]
  readonly attr: Readonly<Record<string, TfAttrValue>>
}

export function parseNodes(nodes: readonly TfNodeJson[]): TfNode[] {
  return nodes.map((n) => ({
    name: n.name,
    op: n.op,
    inputs: (n.input ?? []).filter((i) => !i.startsWith('^')),
    attr: n.attr ?? {}
  }))
}

/** Splits `node:k` into the node name and output index. */
export function splitInput(ref: string): { node: string; index: number } {
  const match = /^(.*):(\d+)$/.exec(ref)
  return match ? { node: match[1] ?? '', index: Number(match[2]) } : { node: ref, index: 0 }
}

function required(node: TfNode, name: string): TfAttrValue {
  const value = node.attr[name]
  if (!value) throw new Error(`${node.op} ${node.name} has no attribute ${name}`)
  return value
}

export function attrString(node: TfNode, name: string, fallback?: string): string {
  const value = node.attr[name]
  if (value?.s === undefined) {
    if (fallback !== undefined) return fallback
    required(node, name)
  }
  return Buffer.from(value?.s ?? '', 'base64').toString('utf8')
}

export function attrInt(node: TfNode, name: string, fallback?: number): number {
  const value = node.attr[name]
  if (value?.i === undefined) {
    if (fallback !== undefined) return fallback
    required(node, name)
  }
  return Number(value?.i ?? 0)
}

export function attrBool(node: TfNode, name: string, fallback = false): boolean {
  return node.attr[name]?.b ?? fallback
}

export function attrInts(node: TfNode, name: string, fallback?: number[]): number[] {
  const list = node.attr[name]?.list?.i
  if (!list) {
    if (fallback !== undefined) return fallback
    required(node, name)
  }
  return (list ?? []).map(Number)
}

export function attrType(node: TfNode, name: string, fallback?: string): string {
  const type = node.attr[name]?.type
  if (!type) {
    if (fallback !== undefined) return fallback
    required(node, name)
  }
  return type ?? ''
}
