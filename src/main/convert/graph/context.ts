import type { DType, HostTensor } from '../host-tensor'
import { tensor, toNumbers } from '../host-tensor'
import type { OnnxBuilder } from '../onnx-builder'
import type { TfNode } from './tf-graph'
import type { Value } from './value'
import { dtypeOf } from './value'

export interface ConvertOptions {
  /**
   * Fold values that depend only on static shapes (Shape of a tensor whose shape is fully known,
   * and everything computed from it). On for the shape-specialised production graphs, off for
   * the unspecialised graph that proves them right.
   */
  readonly foldShapes: boolean
}

/**
 * What an op converter may use while emitting ONNX: the builder, and helpers that turn Values
 * into ONNX value names (constants become initializers once, then are reused).
 */
export class EmitContext {
  private readonly initializerNames = new WeakMap<HostTensor, string>()
  /** Multiply-accumulates of the convolutions and matrix products emitted so far. */
  macs = 0
  /** Products whose size was not static (their MACs are not counted). */
  uncountedProducts = 0

  constructor(
    readonly builder: OnnxBuilder,
    readonly options: ConvertOptions
  ) {}

  /** The ONNX name of a value, materialising a constant as an initializer. */
  name(value: Value): string {
    if (value.kind === 'dyn') return value.name
    const cached = this.initializerNames.get(value.tensor)
    if (cached) return cached
    const name = this.builder.constant(value.tensor)
    this.initializerNames.set(value.tensor, name)
    return name
  }

  /** The ONNX name of a value converted to `dtype` (a Cast for dynamic values, converted data for constants). */
  nameAs(value: Value, dtype: DType): string {
    if (dtypeOf(value) === dtype) return this.name(value)
    if (value.kind === 'const')
      return this.name({ kind: 'const', tensor: castTensor(value.tensor, dtype) })
    return this.builder.op('Cast', [value.name], { to: onnxCastTarget(dtype) })
  }

  /** Records the MACs of a conv or matrix product: the product of the given static sizes. */
  countMacs(sizes: readonly (number | null)[]): void {
    if (sizes.some((s) => s === null)) this.uncountedProducts += 1
    else this.macs += (sizes as number[]).reduce((a, b) => a * b, 1)
  }

  /** An int64 constant initializer (ONNX wants int64 for axes, shapes, starts and ends). */
  int64(values: readonly number[], shape: readonly number[] = [values.length]): string {
    return this.builder.constant(tensor('int64', shape, values), 'i64')
  }
}

/** Converts a constant tensor to another dtype (TF Cast semantics: float → int truncates). */
export function castTensor(t: HostTensor, dtype: DType): HostTensor {
  if (t.dtype === dtype) return t
  const values = toNumbers(t)
  const converted =
    dtype === 'bool'
      ? values.map((v) => (v !== 0 ? 1 : 0))
      : dtype === 'float32'
        ? values
        : values.map((v) => Math.trunc(v))
  return tensor(dtype, t.shape, converted)
}

function onnxCastTarget(dtype: DType): number {
  return { float32: 1, int32: 6, int64: 7, bool: 9 }[dtype]
}

/** How one TF op is converted. */
export interface OpConverter {
  /** Computes the outputs from constant inputs (constant folding). Omit when never foldable. */
  readonly fold?: (inputs: readonly HostTensor[], node: TfNode) => HostTensor[]
  /** Emits ONNX for inputs of which at least one is dynamic; returns the outputs with their static shapes. */
  readonly emit: (inputs: readonly Value[], node: TfNode, ctx: EmitContext) => Value[]
}

export type OpTable = Readonly<Record<string, OpConverter>>
