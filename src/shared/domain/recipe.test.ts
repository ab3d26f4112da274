import { describe, expect, it } from 'vitest'
import { formatRecipe, parseRecipe } from './recipe'
import {
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_LOWLIGHT_STRENGTH,
  DEFAULT_UPSCALE_STRENGTH
} from './tool-defaults'

// Defaults are tuned on the eval's dev split, so the tests name them rather than their values.
const deblur = { op: 'deblur', strength: DEFAULT_DEBLUR_STRENGTH, quality: DEFAULT_DEBLUR_QUALITY }

describe('parseRecipe', () => {
  it('reads steps with defaults and arguments', () => {
    expect(parseRecipe('lowlight, upscale:2')).toEqual({
      ok: true,
      recipe: [
        { op: 'lowlight', strength: DEFAULT_LOWLIGHT_STRENGTH },
        { op: 'upscale', scale: 2, quality: 'balanced', strength: DEFAULT_UPSCALE_STRENGTH }
      ]
    })
    expect(parseRecipe('denoise:0.5,deblur,upscale:4:best')).toEqual({
      ok: true,
      recipe: [
        { op: 'denoise', strength: 0.5 },
        deblur,
        { op: 'upscale', scale: 4, quality: 'best', strength: DEFAULT_UPSCALE_STRENGTH }
      ]
    })
  })

  it('reads deblur and upscale strength and quality, a word or a number in either order', () => {
    expect(parseRecipe('deblur:best,deblur:0.4,deblur:best:0.4,deblur:0.4:best')).toEqual({
      ok: true,
      recipe: [
        { ...deblur, quality: 'best' },
        { ...deblur, strength: 0.4 },
        { op: 'deblur', strength: 0.4, quality: 'best' },
        { op: 'deblur', strength: 0.4, quality: 'best' }
      ]
    })
    expect(parseRecipe('upscale:2:best:0.7,upscale:3:0.25')).toEqual({
      ok: true,
      recipe: [
        { op: 'upscale', scale: 2, quality: 'best', strength: 0.7 },
        { op: 'upscale', scale: 3, quality: 'balanced', strength: 0.25 }
      ]
    })
  })

  it('writes the defaults of the newer fields as before they existed', () => {
    const parsed = parseRecipe('deblur,upscale:2,deblur:0.5:best,upscale:4:fast:0.5')
    if (!parsed.ok) throw new Error(parsed.message)
    expect(formatRecipe(parsed.recipe)).toBe(
      'deblur,upscale:2:balanced,deblur:0.5:best,upscale:4:fast:0.5'
    )
  })

  it('round-trips through formatRecipe', () => {
    const parsed = parseRecipe('lowlight:0.8,upscale:3:fast:0.6,deblur:best:0.3')
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parseRecipe(formatRecipe(parsed.recipe))).toEqual(parsed)
  })

  it.each([
    ['', 'empty'],
    ['sharpen', 'Unknown step'],
    ['upscale', 'needs a scale'],
    ['upscale:5', 'Invalid step'],
    ['upscale:2:ultra', 'Invalid step'],
    ['lowlight:2', 'Invalid step'],
    ['lowlight:abc', 'Invalid step'],
    ['deblur:2', 'Invalid step'],
    ['deblur:fast', 'Invalid step'],
    ['deblur:0.5:0.6', 'at most a strength and a quality'],
    ['deblur:best:balanced', 'at most a strength and a quality'],
    ['upscale:2:best:fast', 'optionally a quality and a strength'],
    ['upscale:2:1.5', 'Invalid step'],
    [Array(17).fill('deblur').join(','), 'at most 16']
  ])('rejects %j with a clear message', (text, message) => {
    const parsed = parseRecipe(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toContain(message)
  })
})
