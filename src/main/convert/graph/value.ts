import type { DType, HostTensor } from '../host-tensor'

/**
 * What a TF tensor becomes during conversion: either a constant the converter holds (weights,
 * and everything computed from them and from static shapes), or a dynamic ONNX value with
 * whatever static shape is known (null for an unknown dimension).
 */
export interface ConstValue {
  readonly kind: 'const'
  readonly tensor: HostTensor
}

export interface DynValue {
  readonly kind: 'dyn'
  /** The ONNX value name. */
  readonly name: string
  readonly dtype: DType
  /** Null when even the rank is unknown. */
  readonly shape: readonly (number | null)[] | null
}

export type Value = ConstValue | DynValue

export const constant = (tensor: HostTensor): ConstValue => ({ kind: 'const', tensor })

export const dynamic = (
  name: string,
  dtype: DType,
  shape: readonly (number | null)[] | null
): DynValue => ({
  kind: 'dyn',
  name,
  dtype,
  shape
})

export function dtypeOf(value: Value): DType {
  return value.kind === 'const' ? value.tensor.dtype : value.dtype
}

/** The static shape, with null for unknown dimensions; null when the rank is unknown. */
export function shapeOf(value: Value): readonly (number | null)[] | null {
  return value.kind === 'const' ? value.tensor.shape : value.shape
}

export function rankOf(value: Value): number | null {
  return shapeOf(value)?.length ?? null
}

/** True when every dimension is known. */
export function isStaticShape(
  shape: readonly (number | null)[] | null
): shape is readonly number[] {
  return shape !== null && shape.every((d) => d !== null)
}

/** TF dtype names (DT_FLOAT …) to ours. TF's int32 stays int32; ONNX int64 is used where ONNX needs it. */
export function dtypeFromTf(tfType: string): DType {
  switch (tfType) {
    case 'DT_FLOAT':
      return 'float32'
    case 'DT_INT32':
      return 'int32'
    case 'DT_INT64':
      return 'int64'
    case 'DT_BOOL':
      return 'bool'
    default:
      throw new Error(`Unsupported TF dtype ${tfType}`)
  }
}
