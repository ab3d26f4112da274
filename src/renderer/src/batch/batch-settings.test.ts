import { describe, expect, it } from 'vitest'
import type { BatchForm } from './batch-settings'
import {
  DEFAULT_RECIPE,
  canStart,
  defaultOutput,
  formProblems,
  loadOutput,
  loadRecipe,
  normaliseRecipe,
  presetFor,
  recipeLabel,
  recipeProblem,
  saveOutput,
  startRequest
} from './batch-settings'

const GALLERY = '11111111-2222-4333-8444-555555555555'

const form = (patch: Partial<BatchForm> = {}): BatchForm => ({
  useHistory: false,
  recipe: 'lowlight:0.8, upscale:2',
  output: { ...defaultOutput(), folder: '/out' },
  ...patch
})

function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v)
  } as Storage
}

describe('batch settings', () => {
  it('validates recipes with parseRecipe', () => {
    expect(recipeProblem('denoise:0.5')).toBeNull()
    expect(recipeProblem('')).toMatch(/empty/)
    expect(recipeProblem('sharpen')).toMatch(/Unknown step "sharpen"/)
    expect(normaliseRecipe('upscale:2')).toBe('upscale:2:balanced')
  })

  it('finds the preset a recipe belongs to, whatever its spelling', () => {
    const presets = [{ name: 'Night', recipe: 'lowlight:0.8,upscale:2:balanced' }]
    expect(presetFor(presets, ' lowlight:0.8 , upscale:2')?.name).toBe('Night')
    expect(recipeLabel(presets, 'lowlight:0.8,upscale:2')).toBe('Night')
    expect(recipeLabel(presets, 'denoise:0.5')).toBe('denoise:0.5')
  })

  it('names each problem of the form; history needs no recipe', () => {
    expect(formProblems(form())).toEqual({ recipe: null, folder: null, template: null })
    const bad = formProblems(
      form({ recipe: 'nope', output: { ...defaultOutput(), nameTemplate: '{stem}.jpg' } })
    )
    expect(bad.recipe).toMatch(/Unknown step/)
    expect(bad.folder).toMatch(/Choose a folder/)
    expect(bad.template).toMatch(/Unknown placeholder \{stem\}/)
    expect(canStart(form({ useHistory: true, recipe: 'nope' }))).toBe(true)
  })

  it('builds the start request with the recipe in normal form', () => {
    expect(startRequest(form(), GALLERY, ['a'])).toEqual({
      galleryId: GALLERY,
      itemIds: ['a'],
      recipe: { kind: 'recipe', text: 'lowlight:0.8,upscale:2:balanced' },
      output: form().output
    })
    expect(startRequest(form({ useHistory: true }), GALLERY, ['a'])?.recipe).toEqual({
      kind: 'history'
    })
    expect(startRequest(form(), GALLERY, [])).toBeNull()
    expect(startRequest(form({ recipe: '' }), GALLERY, ['a'])).toBeNull()
  })

  it('remembers the output settings but never "overwrite"', () => {
    const storage = memoryStorage()
    expect(loadOutput(storage).folder).toBe('')
    saveOutput(storage, { ...form().output, onExist: 'overwrite', format: 'png' })
    expect(loadOutput(storage)).toMatchObject({ folder: '/out', format: 'png', onExist: 'unique' })
    storage.setItem('lucid.batch-output', '{not json')
    expect(loadOutput(storage)).toEqual(defaultOutput())
  })

  it('falls back to the default recipe', () => {
    const storage = memoryStorage()
    expect(loadRecipe(storage)).toBe(DEFAULT_RECIPE)
    storage.setItem('lucid.batch-recipe', 'sharpen')
    expect(loadRecipe(storage)).toBe(DEFAULT_RECIPE)
    storage.setItem('lucid.batch-recipe', 'lowlight:0.8')
    expect(loadRecipe(storage)).toBe('lowlight:0.8')
  })
})
