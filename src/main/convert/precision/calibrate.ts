import { onnx } from 'onnx-proto'
import * as ort from 'onnxruntime-node'

/** A batch of NHWC float32 images in the model's input range. */
export interface CalibrationBatch {
  readonly data: Float32Array
  readonly dims: readonly [number, number, number, number]
}

export interface CalibrationOptions {
  /**
   * Share of each activation's values the range keeps, from each tail: 1 keeps min and max;
   * 0.9999 drops the rarest outliers, which would otherwise widen the scale for every value.
   */
  readonly percentile: number
}

/**
 * Measures the range of each named activation by running the float32 model on real photos with
 * those activations added as graph outputs. Single-threaded with graph optimization off, so the
 * same model and photos give the same ranges run after run.
 *
 * @throws Error when the model has no input or an activation is not produced
 */
export async function calibrateRanges(
  model: Uint8Array,
  points: readonly string[],
  batches: readonly CalibrationBatch[],
  options: CalibrationOptions
): Promise<Record<string, [number, number]>> {
  const proto = onnx.ModelProto.decode(model)
  const graph = proto.graph ?? {}
  const inputName = graph.input?.[0]?.name
  if (!inputName) throw new Error('The model has no input')
  graph.output = [
    ...(graph.output ?? []),
    ...points.map((name) => ({ name, type: { tensorType: { elemType: 1 } } }))
  ]
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(proto).finish(), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
    interOpNumThreads: 1
  })
  const samples = new Map<string, Float32Array[]>()
  try {
    for (const batch of batches) {
      const input = new ort.Tensor('float32', batch.data, [...batch.dims])
      const results = await session.run({ [inputName]: input }, [...points])
      for (const point of points) {
        const tensor = results[point]
        if (!tensor) throw new Error(`Calibration did not produce ${point}`)
        samples.set(point, [...(samples.get(point) ?? []), tensor.data as Float32Array])
      }
    }
  } finally {
    await session.release()
  }
  const ranges: Record<string, [number, number]> = {}
  for (const point of points) {
    const [lo, hi] = percentileRange(samples.get(point) ?? [], options.percentile)
    ranges[point] = [lo < 0 ? -roundUp(-lo) : 0, roundUp(hi)]
  }
  return ranges
}

/**
 * Rounds a magnitude up to 1/64 of its power of two: float results differ in their last bits
 * between CPUs (other SIMD kernels), and the coarse grid keeps the written scales identical.
 */
export function roundUp(value: number): number {
  if (value <= 0) return 0
  const step = 2 ** (Math.floor(Math.log2(value)) - 6)
  return Math.ceil(value / step) * step
}

/** The [low, high] percentiles of all values in `parts` (order statistics: exact, deterministic). */
export function percentileRange(
  parts: readonly Float32Array[],
  percentile: number
): [number, number] {
  if (percentile >= 1) {
    // Min and max need no sort (which would take minutes on the largest models).
    let lo = Infinity
    let hi = -Infinity
    for (const part of parts) {
      for (const v of part) {
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
    }
    return lo <= hi ? [lo, hi] : [0, 0]
  }
  const total = parts.reduce((n, p) => n + p.length, 0)
  if (total === 0) return [0, 0]
  const all = new Float32Array(total)
  let offset = 0
  for (const part of parts) {
    all.set(part, offset)
    offset += part.length
  }
  all.sort()
  const last = total - 1
  const hi = Math.ceil(percentile * last)
  const lo = last - hi
  return [all[lo] ?? 0, all[hi] ?? 0]
}
