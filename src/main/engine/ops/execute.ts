import { MAX_IMAGE_PIXELS } from '../../../shared/domain/limits'
import { LucidError } from '../../../shared/ipc/errors'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import type { Restored } from './deblur'
import { deblur } from './deblur'
import { denoise } from './denoise'
import type { JobOutcome, RestorationJob } from './job'
import { lowlight } from './lowlight'
import { upscale } from './upscale'

/**
 * Runs one restoration job: the function the inference worker serves, and what tests and the
 * CLI call directly when they run in-process. Never modifies the job's images.
 */
export async function executeJob(
  job: RestorationJob,
  models: ModelSource,
  control: JobControl
): Promise<JobOutcome> {
  const started = performance.now()
  const { image, operation } = job
  if (image.channels !== 3 && image.channels !== 4) {
    throw new LucidError('INVALID_ARGUMENT', 'The engine takes RGB or RGBA images')
  }
  if (job.mask && operation.op !== 'deblur') {
    throw new LucidError('INVALID_ARGUMENT', `A mask applies to deblur only, not ${operation.op}`)
  }
  control.throwIfCancelled()
  let restored: Restored
  switch (operation.op) {
    case 'deblur':
      restored = await deblur(models, image, operation, job.mask, control)
      break
    case 'denoise':
      restored = await denoise(models, image, operation.strength, control)
      break
    case 'lowlight':
      restored = await lowlight(models, image, operation.strength, control)
      break
    case 'upscale': {
      const pixels = image.width * operation.scale * image.height * operation.scale
      if (pixels > MAX_IMAGE_PIXELS) {
        throw new LucidError(
          'IMAGE_TOO_LARGE',
          `Upscaling ${image.width}×${image.height} ×${operation.scale} would make ${Math.round(pixels / 1e6)} MP; Lucid's limit is ${MAX_IMAGE_PIXELS / 1e6} MP`
        )
      }
      restored = await upscale(models, image, operation, control, job.tileSize)
      break
    }
  }
  const run = restored.run
  return {
    image: restored.image,
    provider: run?.runner.provider ?? 'cpu',
    ...(run?.fallbackReason ? { fallbackReason: run.fallbackReason } : {}),
    tilesInferred: run?.tilesInferred ?? 0,
    seconds: (performance.now() - started) / 1000
  }
}
