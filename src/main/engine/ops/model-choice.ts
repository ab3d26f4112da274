import type { RestorationOperation } from '../../../shared/domain/restoration'
import type { EnsembleSize } from '../../../shared/domain/tool-defaults'
import {
  DEBLUR_ENSEMBLE,
  DENOISE_ENSEMBLE,
  LOWLIGHT_ENSEMBLE,
  UPSCALE_ENSEMBLE
} from '../../../shared/domain/tool-defaults'

/** ESRGAN family per quality preset: RDN slim, RDN medium, RRDN thick. */
const upscaleFamilies = { fast: 'slim', balanced: 'medium', best: 'thick' } as const

/** The manifest id of the model an operation runs. */
export function modelIdFor(operation: RestorationOperation): string {
  switch (operation.op) {
    case 'deblur':
      return 'maxim-deblurring'
    case 'denoise':
      return 'maxim-denoising'
    case 'lowlight':
      return 'maxim-enhancement'
    case 'upscale':
      return `esrgan-${upscaleFamilies[operation.quality]}-x${operation.scale}`
  }
}

/** How many self-ensemble passes an operation's model runs (shared/domain/tool-defaults.ts). */
export function ensembleSizeFor(operation: RestorationOperation): EnsembleSize {
  switch (operation.op) {
    case 'deblur':
      return DEBLUR_ENSEMBLE[operation.quality]
    case 'upscale':
      return UPSCALE_ENSEMBLE[operation.quality]
    case 'denoise':
      return DENOISE_ENSEMBLE
    case 'lowlight':
      return LOWLIGHT_ENSEMBLE
  }
}

/**
 * Full passes of the model an operation costs: its ensemble size, or 0 where a strength of 0
 * means the model is not run at all (deblur and upscale; low-light and denoise decide that
 * themselves from the photo).
 */
export function modelPassesFor(operation: RestorationOperation): number {
  if ((operation.op === 'deblur' || operation.op === 'upscale') && operation.strength <= 0) return 0
  return ensembleSizeFor(operation)
}
