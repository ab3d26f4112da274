import type { RawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import type { Restored } from './deblur'
import { mixByStrength } from './mix'
import { runModelTiled } from './run-model'

/** MAXIM denoising (SIDD), mixed with the original by `strength` (0 = untouched, 1 = full). */
export async function denoise(
  models: ModelSource,
  image: RawImage,
  strength: number,
  control: JobControl
): Promise<Restored> {
  if (strength <= 0) return { image, run: null }
  const { rgb, alpha } = splitAlpha(image)
  const run = await runModelTiled(models, 'maxim-denoising', rgb, control, { stage: 'Denoising' })
  return { image: await joinAlpha(mixByStrength(rgb, run.image, strength), alpha), run }
}
