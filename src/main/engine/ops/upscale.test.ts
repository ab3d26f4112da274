import { UPSCALE_BACK_PROJECTION_ROUNDS } from '../../../shared/domain/tool-defaults'
import { backProject } from './back-projection'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { UPSCALE_ENSEMBLE } from '../../../shared/domain/tool-defaults'
import type { FakeModel } from '../../testing/fake-models'
import { fakeModels, firstDifference, texturedPhoto } from '../../testing/fake-models'
import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'
import { silentControl } from '../runtime/model-runner'
import { mixByStrength } from './mix'
import { runModelTiled } from './run-model'
import { upscale } from './upscale'

/** An ESRGAN-like fake ×2: dynamic tiles, nearest-neighbour enlargement. */
const ESRGAN: FakeModel = { scale: 2, tile: 48 }
const op = (strength: number, quality: 'fast' | 'balanced' | 'best' = 'fast') =>
  ({ op: 'upscale', scale: 2, quality, strength }) as const

const lanczos = (image: RawImage): Promise<RawImage> =>
  toRawImage(
    sharpFromRaw(image).resize(image.width * 2, image.height * 2, {
      fit: 'fill',
      kernel: 'lanczos3'
    }),
    image.bitDepth
  )

describe('upscale strength and quality', () => {
  const image = texturedPhoto(60, 40)

  it('at full strength is the model pass, back-projected onto the input', async () => {
    const restored = await upscale(fakeModels(ESRGAN), image, op(1), silentControl)
    const plain = await runModelTiled(fakeModels(ESRGAN), 'x', image, silentControl, { stage: '' })
    const expected = await backProject(image, plain.image, UPSCALE_BACK_PROJECTION_ROUNDS)
    expect(UPSCALE_BACK_PROJECTION_ROUNDS).toBeGreaterThan(0)
    expect(firstDifference(restored.image, expected)).toBe(-1)
  })

  it('blends the model result with a Lanczos enlargement by strength', async () => {
    const full = await upscale(fakeModels(ESRGAN), image, op(1), silentControl)
    const part = await upscale(fakeModels(ESRGAN), image, op(0.3), silentControl)
    const expected = mixByStrength(await lanczos(image), full.image, 0.3)
    expect(firstDifference(part.image, expected)).toBe(-1)
  })

  it('at strength 0 is the Lanczos enlargement, at 16 bits too, without the model', async () => {
    for (const bitDepth of [8, 16] as const) {
      const photo = texturedPhoto(60, 40, bitDepth)
      const models = fakeModels(ESRGAN)
      const restored = await upscale(models, photo, op(0), silentControl)
      expect(restored.run).toBeNull()
      expect(models.asked).toEqual([])
      expect(restored.image).toMatchObject({ width: 120, height: 80, channels: 3, bitDepth })
      expect(firstDifference(restored.image, await lanczos(photo))).toBe(-1)
    }
  })

  it('at best quality runs every pass of its self-ensemble', async () => {
    const fast = await upscale(fakeModels(ESRGAN), image, op(1), silentControl)
    const best = await upscale(fakeModels(ESRGAN), image, op(1, 'best'), silentControl)
    expect(best.run?.tilesInferred).toBe((fast.run?.tilesInferred ?? 0) * UPSCALE_ENSEMBLE.best)
    // Nearest-neighbour enlargement is equivariant: the ensemble's average is the same image.
    expect(firstDifference(best.image, fast.image)).toBe(-1)
  })

  it('enlarges alpha to match, whatever the strength', async () => {
    const rgba = await toRawImage(
      sharp({ create: { width: 30, height: 20, channels: 4, background: '#80808080' } }),
      8
    )
    for (const strength of [0, 0.5]) {
      const restored = await upscale(fakeModels(ESRGAN), rgba, op(strength), silentControl)
      expect(restored.image).toMatchObject({ width: 60, height: 40, channels: 4 })
      expect(restored.image.data[(20 * 60 + 30) * 4 + 3]).toBe(128)
    }
  })
})
