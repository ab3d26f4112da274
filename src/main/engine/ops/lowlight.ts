import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import type { Restored } from './deblur'
import { channelHistograms, underexposure } from './exposure-curve'
import { denoiseAtLevel } from './denoise'
import { mixByStrength } from './mix'
import { estimateNoiseSigma } from './noise-estimate'
import type { ModelRun } from './run-model'
import { runModelTiled } from './run-model'
import { applyToneCurves, fitToneCurves } from './tone-fit'

/** Long side of the proxy the enhancement model sees: its fixed input size. */
export const LOWLIGHT_PROXY_SIDE = 512

/**
 * The pipeline's constants, chosen on the eval's dev split only (src/main/eval; `npm run eval --
 * --split dev`), never on the photos the README reports.
 */
export interface LowlightTuning {
  /**
   * The proxy is low-passed by this σ (0: not at all) before the model sees it. On the dev split
   * a blur of 1.5 px (the old pipeline's) made the model brighten far more (a misty lake's mean
   * 95 → 133 levels against the clean 55), so none is used.
   */
  readonly presentationBlur: number
  /**
   * How much of the model's tone curve is applied (0..1): the LOL-trained model brightens
   * ordinary photos too much (measured on dev: mean PSNR 14.2 dB at 1, 19.5 at 0.6, 19.2 at 0.5,
   * 18.4 at 0.7), so a share of its correction is taken.
   */
  readonly correction: number
  /** Fit the tone curve per channel (transfers the model's white balance) or pooled. */
  readonly perChannel: boolean
  /** Noise σ (levels of 255, estimated on the brightened photo) at which denoising starts … */
  readonly denoiseFrom: number
  /** … and at which it is applied in full. */
  readonly denoiseFull: number
}

export const LOWLIGHT_TUNING: LowlightTuning = {
  presentationBlur: 0,
  correction: 0.6,
  perChannel: true,
  denoiseFrom: 1.5,
  denoiseFull: 6.5
}

/**
 * Low-light enhancement in two steps, each doing what its part is reliable at:
 * 1. **Exposure and colour from the network, detail from the photo.** MAXIM-2S (LOL-trained)
 *    runs on a proxy (long side 512; it needs the whole frame as context). Its output is clean
 *    but soft and sometimes grey, so it is not used as pixels: a global tone curve per channel
 *    is fitted from the proxy's levels to the model's (monotone, see tone-fit.ts) and applied
 *    to the full-resolution photo, which keeps every pixel's detail and the photo's colours
 *    while taking the model's exposure and white balance.
 * 2. **Never amplify noise a model can remove.** Brightening multiplies a dark photo's shot and
 *    read noise; the noise left in the brightened photo is estimated, and MAXIM's denoiser
 *    (SIDD, real camera noise) is blended in in proportion to it.
 * Both in proportion to how under-exposed the photo is (`underexposure`): a normally exposed
 * photo comes back unchanged, without running a model.
 */
export async function lowlight(
  models: ModelSource,
  image: RawImage,
  strength: number,
  control: JobControl,
  /** Detail on the proxy's long side; below the model's 512 only to test the proxy itself. */
  proxySide = LOWLIGHT_PROXY_SIDE,
  tuning: LowlightTuning = LOWLIGHT_TUNING
): Promise<Restored> {
  const { rgb, alpha } = splitAlpha(image)
  const amount = strength * tuning.correction * underexposure(channelHistograms(rgb))
  if (amount <= 0) return { image, run: null }
  const { brightened, run } = await brighten(models, rgb, amount, control, proxySide, tuning)
  const sigma = estimateNoiseSigma(brightened, 2)
  const weight = strength * denoiseWeight(sigma, tuning)
  if (weight <= 0) return { image: await joinAlpha(brightened, alpha), run }
  const denoised = await denoiseAtLevel(
    models,
    brightened,
    sigma,
    control,
    'Removing the noise brightening revealed'
  )
  return {
    image: await joinAlpha(mixByStrength(brightened, denoised.image, weight), alpha),
    run: { ...run, tilesInferred: run.tilesInferred + denoised.tilesInferred }
  }
}

/** Step 1: the photo with the model's tone curves applied by `amount`. */
export async function brighten(
  models: ModelSource,
  rgb: RawImage,
  amount: number,
  control: JobControl,
  proxySide = LOWLIGHT_PROXY_SIDE,
  tuning: LowlightTuning = LOWLIGHT_TUNING
): Promise<{ brightened: RawImage; run: ModelRun }> {
  const proxy = await makeProxy(rgb, proxySide)
  const presented =
    tuning.presentationBlur > 0
      ? await toRawImage(sharpFromRaw(proxy).blur(tuning.presentationBlur), proxy.bitDepth)
      : proxy
  const run = await runModelTiled(models, 'maxim-enhancement', presented, control, {
    stage: 'Brightening'
  })
  const curves = fitToneCurves(presented, run.image, rgb.bitDepth, {
    perChannel: tuning.perChannel
  })
  return { brightened: applyToneCurves(rgb, curves, amount), run }
}

/** How much of the denoiser to blend in for noise of `sigma` levels: 0 below, 1 above. */
export function denoiseWeight(sigma: number, tuning: LowlightTuning = LOWLIGHT_TUNING): number {
  const { denoiseFrom, denoiseFull } = tuning
  return Math.min(1, Math.max(0, (sigma - denoiseFrom) / (denoiseFull - denoiseFrom)))
}

/**
 * The image itself when it is small enough, else a Lanczos-reduced copy (same bit depth) with
 * `side` pixels of detail on its long side, presented to the model at its own input size: the
 * model judges exposure from the whole frame, so a reduced proxy is enlarged to fill it rather
 * than mirrored into it.
 */
async function makeProxy(rgb: RawImage, side: number): Promise<RawImage> {
  if (Math.max(rgb.width, rgb.height) <= side) return rgb
  const reduced = sharpFromRaw(rgb).resize(side, side, { fit: 'inside', kernel: 'lanczos3' })
  if (side >= LOWLIGHT_PROXY_SIDE) return toRawImage(reduced, rgb.bitDepth)
  const small = await toRawImage(reduced, rgb.bitDepth)
  const enlarged = sharpFromRaw(small).resize(LOWLIGHT_PROXY_SIDE, LOWLIGHT_PROXY_SIDE, {
    fit: 'inside',
    kernel: 'lanczos3'
  })
  return toRawImage(enlarged, rgb.bitDepth)
}
