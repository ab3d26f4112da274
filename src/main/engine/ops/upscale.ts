import type { RestorationOperation } from '../../../shared/domain/restoration'
import type { RawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import type { Restored } from './deblur'
import { modelIdFor } from './model-choice'
import { runModelTiled } from './run-model'

/** ESRGAN super-resolution; alpha is enlarged with Lanczos to match. */
export async function upscale(
  models: ModelSource,
  image: RawImage,
  operation: Extract<RestorationOperation, { op: 'upscale' }>,
  control: JobControl,
  tileSize?: number
): Promise<Restored> {
  const { rgb, alpha } = splitAlpha(image)
  const run = await runModelTiled(models, modelIdFor(operation), rgb, control, {
    tileSize,
    stage: `Upscaling ×${operation.scale}`
  })
  return { image: await joinAlpha(run.image, alpha), run }
}
