import { describe, expect, it } from 'vitest'
import { upscalerJsModelSource } from './model-source'

const entry = (id: string, packageName: string, modelJson: string) => ({
  id,
  source: { package: packageName, version: '1.0.0', modelJson }
})

describe('upscalerJsModelSource', () => {
  it('maps a per-scale ESRGAN model to the package export for that scale', () => {
    expect(
      upscalerJsModelSource(
        entry('esrgan-thick-x4', '@upscalerjs/esrgan-thick', 'models/x4/model.json')
      )
    ).toEqual({
      definition: '@upscalerjs/esrgan-thick/4x',
      package: '@upscalerjs/esrgan-thick',
      modelJson: 'models/x4/model.json'
    })
  })

  it('maps a single-model MAXIM package to the package itself', () => {
    const source = upscalerJsModelSource(
      entry('maxim-denoising', '@upscalerjs/maxim-denoising', 'models/model.json')
    )
    expect(source.definition).toBe('@upscalerjs/maxim-denoising')
  })

  it('rejects a model.json in neither layout', () => {
    expect(() =>
      upscalerJsModelSource(entry('odd', '@upscalerjs/odd', 'weights/model.json'))
    ).toThrow(
      'Expected models/x<scale>/model.json or models/model.json for odd but received weights/model.json'
    )
  })
})
