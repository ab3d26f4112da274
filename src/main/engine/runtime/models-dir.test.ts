import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/images'
import { defaultModelsDir } from './models-dir'

const repoModels = resolve(__dirname, '../../../../resources/models')

describe('defaultModelsDir', () => {
  it('finds the repository models from the sources', () => {
    expect(defaultModelsDir()).toBe(repoModels)
    expect(existsSync(join(defaultModelsDir(), 'manifest.json'))).toBe(true)
  })

  it('finds them from a bundle in out/main, and takes the first start that has them', async () => {
    const outside = await tempDir()
    const bundled = resolve(repoModels, '../../out/main')
    expect(defaultModelsDir([bundled])).toBe(repoModels)
    expect(defaultModelsDir([outside, bundled])).toBe(repoModels)
  })

  it('throws MODEL_MISSING outside a checkout', async () => {
    const outside = await tempDir()
    expect(() => defaultModelsDir([outside])).toThrow(
      expect.objectContaining({ code: 'MODEL_MISSING' }) as Error
    )
  })
})
