import type { RawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import { assertMaskFits, expandRect, featherInward, maskBounds } from './mask'
import { blendThroughMask } from './mix'
import type { ModelRun } from './run-model'
import { runModelTiled } from './run-model'

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
 */
export async function deblur(
  models: ModelSource,
  image: RawImage,
  mask: RawImage | undefined,
  control: JobControl
): Promise<Restored> {
  const { rgb, alpha } = splitAlpha(image)
  if (!mask) {
    const run = await runModelTiled(models, 'maxim-deblurring', rgb, control, {
      stage: 'Deblurring'
    })
    return { image: await joinAlpha(run.image, alpha), run }
  }
  assertMaskFits(mask, image)
  const bounds = maskBounds(mask)
  // Nothing painted: nothing to do, and no model to load.
  if (!bounds) return { image, run: null }
  const region = expandRect(bounds, CONTEXT_MARGIN, image.width, image.height)
  const run = await runModelTiled(models, 'maxim-deblurring', rgb, control, {
    region,
    stage: 'Deblurring the painted region'
  })
  const soft = await featherInward(mask, FEATHER_SIGMA)
  return { image: blendThroughMask(image, run.image, region, soft), run }
}
