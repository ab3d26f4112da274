import type { RestorationOperation } from '../../../shared/domain/restoration'
import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { UPSCALE_BACK_PROJECTION_ROUNDS } from '../../../shared/domain/tool-defaults'
import { joinAlpha, splitAlpha } from './alpha'
import { backProject } from './back-projection'
import type { Restored } from './deblur'
import { mixByStrength } from './mix'
import { ensembleSizeFor, modelIdFor } from './model-choice'
import { runModelEnsemble } from './self-ensemble'

/**
 * ESRGAN super-resolution, back-projected so that reducing the result gives back the input;
 * alpha is enlarged with Lanczos to match. `operation.strength`
 * blends the model's result with a Lanczos enlargement of the input (0 returns that enlargement
 * without running the model); `operation.quality` picks the model's size and how many
 * self-ensemble passes run (tool-defaults.ts).
 */
export async function upscale(
  models: ModelSource,
  image: RawImage,
  operation: Extract<RestorationOperation, { op: 'upscale' }>,
  control: JobControl,
  tileSize?: number
): Promise<Restored> {
  const { rgb, alpha } = splitAlpha(image)
  const { scale, strength } = operation
  if (strength <= 0) {
    const enlarged = await lanczos(rgb, rgb.width * scale, rgb.height * scale)
    return { image: await joinAlpha(enlarged, alpha), run: null }
  }
  const transforms = ensembleSizeFor(operation)
  const run = await runModelEnsemble(models, modelIdFor(operation), rgb, control, {
    tileSize,
    stage: `Upscaling ×${scale}${transforms > 1 ? ` · ${transforms} passes` : ''}`,
    transforms
  })
  // The network's drift from the photo's own colours and levels is taken out (see
  // back-projection.ts): on the eval's dev split the bare ESRGAN lost 0.7 dB to Lanczos on
  // mildly blurred, compressed photos, and two rounds turned that into a 0.2 dB gain.
  const consistent = await backProject(rgb, run.image, UPSCALE_BACK_PROJECTION_ROUNDS)
  const colour =
    strength >= 1
      ? consistent
      : mixByStrength(await lanczos(rgb, run.image.width, run.image.height), consistent, strength)
  return { image: await joinAlpha(colour, alpha), run }
}

/** An RGB image enlarged to `width`×`height` with sharp's Lanczos-3, at its own depth. */
function lanczos(rgb: RawImage, width: number, height: number): Promise<RawImage> {
  return toRawImage(
    sharpFromRaw(rgb).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }),
    rgb.bitDepth
  )
}
