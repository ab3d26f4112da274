import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ModelManifestSchema } from '../../shared/domain/model-manifest'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { cropSide, operationFor, planModelCases } from './bench-plan'

const { models } = ModelManifestSchema.parse(
  JSON.parse(readFileSync(join(defaultModelsDir(), 'manifest.json'), 'utf8'))
)
const byId = (id: string): (typeof models)[number] => {
  const found = models.find((m) => m.id === id)
  if (!found) throw new Error(`no ${id}`)
  return found
}

describe('operationFor', () => {
  it('reaches every manifest model through the operation that selects it', () => {
    expect(operationFor(byId('maxim-deblurring'))).toEqual({
      op: 'deblur',
      strength: 1,
      quality: 'balanced'
    })
    expect(operationFor(byId('maxim-enhancement'))).toEqual({ op: 'lowlight', strength: 1 })
    expect(operationFor(byId('esrgan-medium-x3'))).toEqual({
      op: 'upscale',
      scale: 3,
      quality: 'balanced',
      strength: 1
    })
  })

  it('is null for a model no operation picks', () => {
    expect(operationFor({ ...byId('esrgan-slim-x2'), id: 'esrgan-slim-x2-int8' })).toBeNull()
  })
})

describe('cropSide', () => {
  it('gives MAXIM exactly one fixed tile, in full and quick runs', () => {
    expect(cropSide(byId('maxim-denoising'), false)).toBe(256)
    expect(cropSide(byId('maxim-enhancement'), true)).toBe(512)
  })

  it('gives heavier upscalers and ×8 smaller crops', () => {
    expect(cropSide(byId('esrgan-slim-x2'), false)).toBe(512)
    expect(cropSide(byId('esrgan-slim-x8'), false)).toBe(256)
    expect(cropSide(byId('esrgan-thick-x4'), false)).toBeLessThan(256)
    expect(cropSide(byId('esrgan-thick-x4'), true)).toBe(64)
  })
})

describe('planModelCases', () => {
  it('plans every model with one warm-up and three runs (one in quick mode)', () => {
    const full = planModelCases(models, { quick: false })
    expect(full.cases.map((c) => c.modelId)).toEqual(models.map((m) => m.id))
    expect(full.cases.every((c) => c.warmups === 1 && c.runs === 3)).toBe(true)
    expect(planModelCases(models, { quick: true }).cases.every((c) => c.runs === 1)).toBe(true)
  })

  it('keeps only the models asked for and rejects unknown ids', () => {
    const only = planModelCases(models, { quick: true, only: ['esrgan-slim-x2'] })
    expect(only.cases.map((c) => c.modelId)).toEqual(['esrgan-slim-x2'])
    expect(() => planModelCases(models, { quick: true, only: ['nope'] })).toThrow(/nope/)
  })
})
