import type { ModelEntry } from '../../shared/domain/model-manifest'
import type { RestorationOperation } from '../../shared/domain/restoration'
import { modelIdFor } from '../engine/ops/model-choice'
import { BENCH_PHOTOS } from './bench-photos'

/** One model's measurement: which operation reaches it, on what crop, how many times. */
export interface ModelCase {
  readonly modelId: string
  readonly operation: RestorationOperation
  /** A real photo (see BENCH_PHOTOS) the square crop is cut from. */
  readonly photo: string
  /** The crop's side in pixels. */
  readonly side: number
  readonly warmups: number
  readonly runs: number
}

/** Side of the crop ESRGAN models get in --quick: a few tiles' worth of work, seconds per model. */
const QUICK_UPSCALE_SIDE = 64

/**
 * Full-run crop sides, chosen so each model takes seconds, not minutes, per run on a 2-core
 * machine: the ×8 and the heavier families (medium ≈ 3×, thick ≈ 30× slim's flops per pixel)
 * get smaller crops. Slim and medium span several tiles; thick's 128 is exactly one tile.
 */
const UPSCALE_SIDES: Readonly<Record<string, { regular: number; x8: number }>> = {
  fast: { regular: 512, x8: 256 },
  balanced: { regular: 384, x8: 192 },
  best: { regular: 128, x8: 96 }
}

/**
 * The operation that runs a manifest model through the engine, or null for a model no
 * operation selects (a variant the model choice does not pick).
 */
export function operationFor(entry: ModelEntry): RestorationOperation | null {
  let operation: RestorationOperation
  switch (entry.task) {
    case 'deblur':
      operation = { op: 'deblur', strength: 1, quality: 'balanced' }
      break
    case 'denoise':
    case 'lowlight':
      operation = { op: entry.task, strength: 1 }
      break
    case 'upscale': {
      const scale = entry.scale
      if (scale !== 2 && scale !== 3 && scale !== 4 && scale !== 8) return null
      operation = { op: 'upscale', scale, quality: entry.quality ?? 'balanced', strength: 1 }
      break
    }
  }
  return modelIdFor(operation) === entry.id ? operation : null
}

/**
 * The crop side for a model: MAXIM takes exactly its fixed tile (one tile: 256 for deblur and
 * denoise, 512 for low light), ESRGAN a size per preset and scale (see UPSCALE_SIDES).
 */
export function cropSide(entry: ModelEntry, quick: boolean): number {
  const fixed = entry.inputShape[1]
  if (typeof fixed === 'number') return fixed
  if (quick) return QUICK_UPSCALE_SIDE
  const sides = UPSCALE_SIDES[entry.quality ?? 'balanced'] ?? { regular: 256, x8: 128 }
  return entry.scale === 8 ? sides.x8 : sides.regular
}

/**
 * Every manifest model (or those in `only`) with an operation that reaches it, in manifest
 * order. One warm-up run, then 3 timed runs (1 in quick mode).
 *
 * @throws Error when `only` names a model the manifest lacks
 */
export function planModelCases(
  entries: readonly ModelEntry[],
  options: { readonly quick: boolean; readonly only?: readonly string[] }
): { cases: ModelCase[]; skipped: { modelId: string; reason: string }[] } {
  const { quick, only } = options
  const unknown = (only ?? []).filter((id) => !entries.some((entry) => entry.id === id))
  if (unknown.length > 0) throw new Error(`Unknown model id(s) for --only: ${unknown.join(', ')}`)
  const cases: ModelCase[] = []
  const skipped: { modelId: string; reason: string }[] = []
  for (const entry of entries) {
    if (only && !only.includes(entry.id)) continue
    const operation = operationFor(entry)
    if (!operation) {
      skipped.push({ modelId: entry.id, reason: 'no operation selects this model' })
      continue
    }
    cases.push({
      modelId: entry.id,
      operation,
      photo: photoFor(entry),
      side: cropSide(entry, quick),
      warmups: 1,
      runs: quick ? 1 : 3
    })
  }
  return { cases, skipped }
}

/** Each task's own sample photo from its UpscalerJS package, the upscalers a large one. */
function photoFor(entry: ModelEntry): string {
  switch (entry.task) {
    case 'deblur':
      return BENCH_PHOTOS.blurred
    case 'denoise':
      return BENCH_PHOTOS.noisy
    case 'lowlight':
      return BENCH_PHOTOS.dark
    case 'upscale':
      return BENCH_PHOTOS.large
  }
}
