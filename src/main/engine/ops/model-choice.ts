import type { RestorationOperation } from '../../../shared/domain/restoration'

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
