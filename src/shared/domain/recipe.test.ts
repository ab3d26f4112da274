import { describe, expect, it } from 'vitest'
import { formatRecipe, parseRecipe } from './recipe'

describe('parseRecipe', () => {
  it('reads steps with defaults and arguments', () => {
    expect(parseRecipe('lowlight, upscale:2')).toEqual({
      ok: true,
      recipe: [
        { op: 'lowlight', strength: 1 },
        { op: 'upscale', scale: 2, quality: 'balanced' }
      ]
    })
    expect(parseRecipe('denoise:0.5,deblur,upscale:4:best')).toEqual({
      ok: true,
      recipe: [
        { op: 'denoise', strength: 0.5 },
        { op: 'deblur' },
        { op: 'upscale', scale: 4, quality: 'best' }
      ]
    })
  })

  it('round-trips through formatRecipe', () => {
    const parsed = parseRecipe('lowlight:0.8,upscale:3:fast')
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
    ['deblur:1', 'no arguments'],
    [Array(17).fill('deblur').join(','), 'at most 16']
  ])('rejects %j with a clear message', (text, message) => {
    const parsed = parseRecipe(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toContain(message)
  })
})
