import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import type { Restored } from './deblur'
import { mixByStrength } from './mix'
import { estimateNoiseSigma } from './noise-estimate'
import type { ModelRun } from './run-model'
import { runModelTiled } from './run-model'

/**
 * How denoising follows the photo's estimated noise σ (levels of 255), chosen on the eval's dev
 * split only (src/main/eval):
 * - `from`/`full`: the SIDD-trained network also smooths fine texture, which on a clean photo
 *   costs far more than the little noise it removes (a forest at σ̂ 3.5 lost 16 dB), so it is
 *   blended in by σ̂: not at all up to `from`, fully from `full` on (clean dev crops measured
 *   σ̂ 1.1–3.5, noisy ones 7 and more).
 * - `targetSigma`: SIDD's noise is milder than a dark indoor shot's; above this σ̂ the photo's
 *   contrast around mid-grey is reduced by targetSigma/σ̂ before the network sees it (so its
 *   noise looks like what it was trained on) and restored after. On dev crops at σ̂ 15–23 this
 *   gained 0.2–3 dB over the plain pass.
 */
export const DENOISE_TUNING = { from: 3.5, full: 7, targetSigma: 8 }

/** The blend weight for noise of `sigma` levels, before the user's strength. */
export function denoiseBlend(sigma: number, tuning = DENOISE_TUNING): number {
  return Math.min(1, Math.max(0, (sigma - tuning.from) / (tuning.full - tuning.from)))
}

/**
 * MAXIM denoising (SIDD), blended with the original by the estimated noise level and by
 * `strength` (0 = untouched, 1 = as much as the noise calls for).
 */
export async function denoise(
  models: ModelSource,
  image: RawImage,
  strength: number,
  control: JobControl,
  tuning = DENOISE_TUNING
): Promise<Restored> {
  if (strength <= 0) return { image, run: null }
  const { rgb, alpha } = splitAlpha(image)
  const sigma = estimateNoiseSigma(rgb, 2)
  const weight = strength * denoiseBlend(sigma, tuning)
  if (weight <= 0) return { image, run: null }
  const run = await denoiseAtLevel(models, rgb, sigma, control, 'Denoising', tuning)
  return { image: await joinAlpha(mixByStrength(rgb, run.image, weight), alpha), run }
}

/** The network's denoising of `rgb` whose noise is about `sigma`, contrast-scaled above target. */
export async function denoiseAtLevel(
  models: ModelSource,
  rgb: RawImage,
  sigma: number,
  control: JobControl,
  stage: string,
  tuning = DENOISE_TUNING
): Promise<ModelRun> {
  const contrast = Math.min(1, tuning.targetSigma / Math.max(sigma, 1e-6))
  if (contrast >= 1) return runModelTiled(models, 'maxim-denoising', rgb, control, { stage })
  const run = await runModelTiled(
    models,
    'maxim-denoising',
    scaleContrast(rgb, contrast),
    control,
    {
      stage
    }
  )
  return { ...run, image: scaleContrast(run.image, 1 / contrast) }
}

/** v ↦ mid + k·(v − mid) per sample, clipped: k < 1 flattens, 1/k undoes it. */
function scaleContrast(image: RawImage, k: number): RawImage {
  const max = maxSample(image)
  const mid = max / 2
  const src = image.data
  const out = image.bitDepth === 16 ? new Uint16Array(src.length) : new Uint8Array(src.length)
  for (let i = 0; i < src.length; i++) {
    out[i] = Math.min(max, Math.max(0, Math.round(mid + k * ((src[i] ?? 0) - mid))))
  }
  return { ...image, data: out }
}
