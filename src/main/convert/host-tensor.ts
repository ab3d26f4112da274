/**
 * Tensors held in memory by the converter: weights read from TF.js shards, and values computed
 * while folding constants. Row-major, like both TF and ONNX.
 */
export type DType = 'float32' | 'int32' | 'int64' | 'bool'

export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array

export interface HostTensor {
  readonly dtype: DType
  readonly shape: readonly number[]
  readonly data: TensorData
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

export function emptyData(dtype: DType, size: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size)
    case 'int32':
      return new Int32Array(size)
    case 'int64':
      return new BigInt64Array(size)
    case 'bool':
      return new Uint8Array(size)
  }
}

export function tensor(
  dtype: DType,
  shape: readonly number[],
  data: ArrayLike<number> | TensorData
): HostTensor {
  const size = sizeOf(shape)
  if (data.length !== size) {
    throw new Error(`Tensor of shape [${shape.join(',')}] needs ${size} values, got ${data.length}`)
  }
  if (dtype === 'int64') {
    const out =
      data instanceof BigInt64Array
        ? data
        : BigInt64Array.from(Array.from(data as ArrayLike<number>, (v) => BigInt(v)))
    return { dtype, shape: [...shape], data: out }
  }
  const out = emptyData(dtype, size) as Float32Array | Int32Array | Uint8Array
  if (data instanceof BigInt64Array) out.set(Array.from(data, Number))
  else out.set(data)
  return { dtype, shape: [...shape], data: out }
}

/** Values as plain numbers (int64 converted), for shape arithmetic. */
export function toNumbers(t: HostTensor): number[] {
  return Array.from(t.data as ArrayLike<number | bigint>, Number)
}

export function scalar(dtype: DType, value: number): HostTensor {
  return tensor(dtype, [], [value])
}

/** Little-endian bytes of a tensor, as ONNX raw_data stores them. */
export function rawBytes(t: HostTensor): Uint8Array {
  const { data } = t
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
