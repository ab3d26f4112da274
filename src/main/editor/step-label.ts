import type { EditOperation } from '../../shared/domain/document'

/**
 * How a step reads in the history panel: "Deblur · painted region", "Low-light 80%",
 * "Upscale ×2 · balanced", "Denoise 50%", "Auto levels".
 */
export function stepLabel(operation: EditOperation, masked: boolean): string {
  switch (operation.op) {
    case 'autoLevels':
      return 'Auto levels'
    case 'deblur':
      return masked ? 'Deblur · painted region' : 'Deblur'
    case 'lowlight':
      return `Low-light ${percent(operation.strength)}`
    case 'upscale':
      return `Upscale ×${operation.scale} · ${operation.quality}`
    case 'denoise':
      return `Denoise ${percent(operation.strength)}`
  }
}

function percent(strength: number): string {
  return `${Math.round(strength * 100)}%`
}
