import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import type { JobControl, ModelRunner, ModelSource } from '../runtime/model-runner'
import { restoreTiled } from '../tiling/restore-tiled'
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
  options: { readonly region?: Rect; readonly tileSize?: number; readonly stage: string }
): Promise<ModelRun> {
  let runner = await models.runner(modelId)
  let fallbackReason = runner.fallbackReason
  const { entry } = runner
  const fixedInput = entry.inputShape[1] !== null
  let tileSize = fixedInput ? entry.tile.size : (options.tileSize ?? entry.tile.size)
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
        tileSize,
        overlap: Math.min(entry.tile.overlap, Math.floor(tileSize / 4)),
        divisibility: entry.sizeDivisibility,
        fixedInput,
        region: options.region,
        control,
        stage: options.stage
      })
      return { image, runner: current, fallbackReason, tilesInferred }
    } catch (error) {
      if (!(error instanceof LucidError) || error.code !== 'OUT_OF_MEMORY') throw error
      if (!fixedInput && tileSize / 2 >= MIN_TILE) {
        tileSize = Math.floor(tileSize / 2)
        continue
      }
      if (current.provider === 'cpu') throw error
      runner = await models.cpuRunner(modelId)
      fallbackReason = `${current.provider} ran out of memory (${error.message}); ran on the CPU`
    }
  }
}
