import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import type { ModelEntry } from '../../../shared/domain/model-manifest'
import type { JobControl, ModelRunner, ModelSource } from '../runtime/model-runner'
import { restoreTiled } from '../tiling/restore-tiled'
import type { TilingGeometry } from '../tiling/tile-plan'
import type { Rect } from './mask'

/** Smallest input tile worth trying after running out of memory. */
const MIN_TILE = 64

export interface ModelRun {
  /** RGB, the region's size × the model's scale. */
  readonly image: RawImage
  /** The runner that finished the job (the CPU one after a GPU fallback). */
  readonly runner: ModelRunner
  readonly fallbackReason?: string
  readonly tilesInferred: number
  /** The input tile side the run finished with (smaller than asked after running out of memory). */
  readonly tileSize: number
}

export interface ModelRunOptions {
  readonly region?: Rect
  /** Input tile side for dynamic-shape models; the manifest's by default. */
  readonly tileSize?: number
  readonly stage: string
  /** Start on this runner instead of asking `models` (a later pass of a multi-pass job). */
  readonly runner?: ModelRunner
}

/**
 * How runModelTiled tiles for a model: a fixed-input model's own tile, else `tileSize` (the
 * manifest's by default), with the overlap capped at a quarter tile.
 */
export function tilingFor(entry: ModelEntry, tileSize?: number): TilingGeometry {
  const fixedInput = entry.inputShape[1] !== null
  const size = fixedInput ? entry.tile.size : (tileSize ?? entry.tile.size)
  return {
    tileSize: size,
    overlap: Math.min(entry.tile.overlap, Math.floor(size / 4)),
    divisibility: entry.sizeDivisibility,
    fixedInput
  }
}

/**
 * Runs one model over an RGB image (or a region of it), tiled. On OUT_OF_MEMORY it retries with
 * half the tile side (models with dynamic shapes only; MAXIM's tile is fixed) down to 64 px, and
 * then once more on the CPU provider, reporting why.
 */
export async function runModelTiled(
  models: ModelSource,
  modelId: string,
  rgb: RawImage,
  control: JobControl,
  options: ModelRunOptions
): Promise<ModelRun> {
  let runner = options.runner ?? (await models.runner(modelId))
  let fallbackReason = runner.fallbackReason
  const { entry } = runner
  let geometry = tilingFor(entry, options.tileSize)
  let tilesInferred = 0
  for (;;) {
    const current = runner
    try {
      const image = await restoreTiled(rgb, {
        infer: async (tile, height, width) => {
          const out = await current.run(tile, height, width)
          tilesInferred += 1
          return out
        },
        scale: entry.scale,
        ...geometry,
        region: options.region,
        control,
        stage: options.stage
      })
      return { image, runner: current, fallbackReason, tilesInferred, tileSize: geometry.tileSize }
    } catch (error) {
      if (!(error instanceof LucidError) || error.code !== 'OUT_OF_MEMORY') throw error
      if (!geometry.fixedInput && geometry.tileSize / 2 >= MIN_TILE) {
        geometry = tilingFor(entry, Math.floor(geometry.tileSize / 2))
        continue
      }
      if (current.provider === 'cpu') throw error
      runner = await models.cpuRunner(modelId)
      fallbackReason = `${current.provider} ran out of memory (${error.message}); ran on the CPU`
    }
  }
}
