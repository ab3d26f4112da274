import type { RestorationOperation } from '../../../shared/domain/restoration'
import type { RawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import { assertMaskFits, expandRect, featherInward, maskBounds } from './mask'
import { blendThroughMask, mixByStrength } from './mix'
import { ensembleSizeFor } from './model-choice'
import type { ModelRun } from './run-model'
import { runModelEnsemble } from './self-ensemble'

/** Context read around the painted region so its edge is restored like its middle. */
const CONTEXT_MARGIN = 32
/** Hard mask edges fade in over about twice this many pixels, inside the painted area. */
const FEATHER_SIGMA = 2

export interface Restored {
  readonly image: RawImage
  readonly run: ModelRun | null
}

/**
 * MAXIM deblurring of the whole image or, with a mask, of the painted region only: only the
 * tiles covering the mask's bounding box (plus context) are inferred, and the result is blended
 * in through the feathered mask, so pixels outside the mask stay exactly as they were.
 * `operation.strength` blends the result with the input (with a mask, it scales the mask's
 * blend); 0 returns the input without running the model. `operation.quality` sets how many
 * self-ensemble passes run (tool-defaults.ts).
 */
export async function deblur(
  models: ModelSource,
  image: RawImage,
  operation: Extract<RestorationOperation, { op: 'deblur' }>,
  mask: RawImage | undefined,
  control: JobControl
): Promise<Restored> {
  if (mask) assertMaskFits(mask, image)
  const { strength } = operation
  if (strength <= 0) return { image, run: null }
  const transforms = ensembleSizeFor(operation)
  const passes = transforms > 1 ? ` · ${transforms} passes` : ''
  const { rgb, alpha } = splitAlpha(image)
  if (!mask) {
    const run = await runModelEnsemble(models, 'maxim-deblurring', rgb, control, {
      stage: `Deblurring${passes}`,
      transforms
    })
    return { image: await joinAlpha(mixByStrength(rgb, run.image, strength), alpha), run }
  }
  const bounds = maskBounds(mask)
  // Nothing painted: nothing to do, and no model to load.
  if (!bounds) return { image, run: null }
  const region = expandRect(bounds, CONTEXT_MARGIN, image.width, image.height)
  const run = await runModelEnsemble(models, 'maxim-deblurring', rgb, control, {
    region,
    stage: `Deblurring the painted region${passes}`,
    transforms
  })
  const soft = await featherInward(mask, FEATHER_SIGMA)
  return { image: blendThroughMask(image, run.image, region, soft, strength), run }
}
