import { describe, expect, it } from 'vitest'
import { stepLabel } from './step-label'

describe('stepLabel', () => {
  it('names each operation with its parameters', () => {
    expect(stepLabel({ op: 'deblur' }, true)).toBe('Deblur · painted region')
    expect(stepLabel({ op: 'deblur' }, false)).toBe('Deblur')
    expect(stepLabel({ op: 'lowlight', strength: 0.8 }, false)).toBe('Low-light 80%')
    expect(stepLabel({ op: 'upscale', scale: 2, quality: 'balanced' }, false)).toBe(
      'Upscale ×2 · balanced'
    )
    expect(stepLabel({ op: 'denoise', strength: 0.5 }, false)).toBe('Denoise 50%')
    expect(stepLabel({ op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 }, false)).toBe(
      'Auto levels'
    )
  })
})
