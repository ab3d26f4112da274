import { describe, expect, it } from 'vitest'
import { stepLabel } from './step-label'

describe('stepLabel', () => {
  it('names each operation with its parameters', () => {
    const deblur = { op: 'deblur', strength: 1, quality: 'balanced' } as const
    expect(stepLabel(deblur, true)).toBe('Deblur · painted region')
    expect(stepLabel(deblur, false)).toBe('Deblur')
    expect(stepLabel({ ...deblur, strength: 0.6, quality: 'best' }, true)).toBe(
      'Deblur 60% · best · painted region'
    )
    expect(stepLabel({ op: 'lowlight', strength: 0.8 }, false)).toBe('Low-light 80%')
    const upscale = { op: 'upscale', scale: 2, quality: 'balanced', strength: 1 } as const
    expect(stepLabel(upscale, false)).toBe('Upscale ×2 · balanced')
    expect(stepLabel({ ...upscale, quality: 'best', strength: 0.7 }, false)).toBe(
      'Upscale ×2 · best · 70%'
    )
    expect(stepLabel({ op: 'denoise', strength: 0.5 }, false)).toBe('Denoise 50%')
    expect(stepLabel({ op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 }, false)).toBe(
      'Auto levels'
    )
  })
})
