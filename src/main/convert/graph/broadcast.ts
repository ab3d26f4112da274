/** NumPy/TF broadcasting of static shapes (null = unknown dimension). */
export function broadcastShapes(
  a: readonly (number | null)[] | null,
  b: readonly (number | null)[] | null
): (number | null)[] | null {
  if (a === null || b === null) return null
  const rank = Math.max(a.length, b.length)
  const out: (number | null)[] = []
  // Missing leading dimensions count as 1; unknown (null) ones stay unknown.
  const dim = (shape: readonly (number | null)[], i: number): number | null => {
    const k = shape.length - rank + i
    return k < 0 ? 1 : (shape[k] as number | null)
  }
  for (let i = 0; i < rank; i++) {
    const x = dim(a, i)
    const y = dim(b, i)
    if (x === 1) out.push(y)
    else if (y === 1) out.push(x)
    else if (x === null) out.push(y)
    else if (y === null) out.push(x)
    else if (x === y) out.push(x)
    else throw new Error(`Shapes [${a.join(',')}] and [${b.join(',')}] do not broadcast`)
  }
  return out
}

/** Strides of a row-major shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1)
  for (let i = shape.length - 2; i >= 0; i--)
    strides[i] = (strides[i + 1] ?? 1) * (shape[i + 1] ?? 1)
  return strides
}

/**
 * For each flat index of the broadcast output, the flat index into an input of `shape`.
 * Used by the constant folder's element-wise ops.
 */
export function broadcastIndex(outShape: readonly number[], shape: readonly number[]): Int32Array {
  const size = outShape.reduce((p, d) => p * d, 1)
  const index = new Int32Array(size)
  const rank = outShape.length
  const inStrides = stridesOf(shape)
  const outStrides = stridesOf(outShape)
  for (let flat = 0; flat < size; flat++) {
    let rest = flat
    let source = 0
    for (let axis = 0; axis < rank; axis++) {
      const coord = Math.floor(rest / (outStrides[axis] ?? 1))
      rest -= coord * (outStrides[axis] ?? 1)
      const inAxis = axis - (rank - shape.length)
      if (inAxis >= 0 && (shape[inAxis] ?? 1) !== 1) source += coord * (inStrides[inAxis] ?? 0)
    }
    index[flat] = source
  }
  return index
}
