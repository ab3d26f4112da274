import type { EditOperation } from '../../shared/domain/document'

/**
 * How a step reads in the history panel: "Deblur · painted region", "Deblur 60% · best",
 * "Low-light 80%", "Upscale ×2 · balanced", "Upscale ×4 · best · 70%", "Denoise 50%",
 * "Auto levels". Deblur's and upscale's strength shows only below 100% and deblur's quality
 * only when best, so the labels of plain steps read as before those controls existed.
 */
export function stepLabel(operation: EditOperation, masked: boolean): string {
  switch (operation.op) {
    case 'autoLevels':
      return 'Auto levels'
    case 'deblur':
      return [
        `Deblur${operation.strength < 1 ? ` ${percent(operation.strength)}` : ''}`,
        ...(operation.quality === 'best' ? ['best'] : []),
        ...(masked ? ['painted region'] : [])
      ].join(' · ')
    case 'lowlight':
      return `Low-light ${percent(operation.strength)}`
    case 'upscale':
      return [
        `Upscale ×${operation.scale}`,
        operation.quality,
        ...(operation.strength < 1 ? [percent(operation.strength)] : [])
      ].join(' · ')
    case 'denoise':
      return `Denoise ${percent(operation.strength)}`
  }
}

function percent(strength: number): string {
  return `${Math.round(strength * 100)}%`
}
