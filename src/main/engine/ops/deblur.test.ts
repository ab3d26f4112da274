import { describe, expect, it } from 'vitest'
import { DEBLUR_ENSEMBLE } from '../../../shared/domain/tool-defaults'
import type { FakeModel } from '../../testing/fake-models'
import { fakeModels, firstDifference, texturedPhoto } from '../../testing/fake-models'
import type { RawImage } from '../raw-image'
import type { JobControl } from '../runtime/model-runner'
import { silentControl } from '../runtime/model-runner'
import { deblur } from './deblur'
import { mixByStrength } from './mix'
import { runModelTiled } from './run-model'

/** A MAXIM-like fake: fixed 64 px tiles, and a ramp so its result differs from its input. */
const MAXIM: FakeModel = { fixed: 64, ramp: 80 / 255 }
const op = (strength: number, quality: 'balanced' | 'best' = 'balanced') =>
  ({ op: 'deblur', strength, quality }) as const

function square(width: number, height: number, box: { x0: number; x1: number }): RawImage {
  const data = new Uint8Array(width * height)
  for (let y = 10; y < 40; y++) for (let x = box.x0; x < box.x1; x++) data[y * width + x] = 255
  return { data, width, height, channels: 1, bitDepth: 8 }
}

describe('deblur strength and quality', () => {
  const image = texturedPhoto(100, 70)

  it('at full strength and balanced quality is the single model pass it always was', async () => {
    const restored = await deblur(fakeModels(MAXIM), image, op(1), undefined, silentControl)
    const plain = await runModelTiled(fakeModels(MAXIM), 'x', image, silentControl, { stage: '' })
    expect(firstDifference(restored.image, plain.image)).toBe(-1)
  })

  it('blends the result with the input by strength', async () => {
    const full = await deblur(fakeModels(MAXIM), image, op(1), undefined, silentControl)
    const half = await deblur(fakeModels(MAXIM), image, op(0.5), undefined, silentControl)
    expect(firstDifference(half.image, mixByStrength(image, full.image, 0.5))).toBe(-1)
    expect(firstDifference(half.image, full.image)).toBeGreaterThanOrEqual(0)
  })

  it('at strength 0 returns the input without loading the model', async () => {
    const models = fakeModels(MAXIM)
    const restored = await deblur(models, image, op(0), undefined, silentControl)
    expect(restored).toEqual({ image, run: null })
    expect(models.asked).toEqual([])
  })

  it('at best quality runs the self-ensemble, with the passes in the stage name', async () => {
    const stages = new Set<string>()
    const control: JobControl = { ...silentControl, progress: (p) => stages.add(p.stage) }
    const balanced = await deblur(fakeModels(MAXIM), image, op(1), undefined, silentControl)
    const best = await deblur(fakeModels(MAXIM), image, op(1, 'best'), undefined, control)
    expect(best.run?.tilesInferred).toBe((balanced.run?.tilesInferred ?? 0) * DEBLUR_ENSEMBLE.best)
    expect([...stages]).toEqual([`Deblurring · ${DEBLUR_ENSEMBLE.best} passes`])
    // The ramp runs both ways in a mirrored ensemble: the result differs from one pass.
    expect(firstDifference(best.image, balanced.image)).toBeGreaterThanOrEqual(0)
  })

  it('with a mask, scales the mask blend and leaves unpainted pixels exact', async () => {
    const mask = square(100, 70, { x0: 20, x1: 60 })
    const full = await deblur(fakeModels(MAXIM), image, op(1), mask, silentControl)
    const half = await deblur(fakeModels(MAXIM), image, op(0.5), mask, silentControl)
    for (let p = 0; p < 100 * 70; p++) {
      for (let c = 0; c < 3; c++) {
        const i = p * 3 + c
        const before = image.data[i] ?? 0
        if (mask.data[p] === 0) expect(half.image.data[i]).toBe(before)
      }
    }
    // Inside the painted square (away from its feathered edge) the mask weight is 1.
    const i = (25 * 100 + 40) * 3
    const before = image.data[i] ?? 0
    expect(half.image.data[i]).toBe(Math.round(before + 0.5 * ((full.image.data[i] ?? 0) - before)))
    expect(full.image.data[i]).not.toBe(before)
  })

  it('keeps alpha untouched', async () => {
    const rgba = new Uint8Array(100 * 70 * 4)
    for (let p = 0; p < 100 * 70; p++) {
      rgba.set(image.data.subarray(p * 3, p * 3 + 3), p * 4)
      rgba[p * 4 + 3] = p % 7
    }
    const withAlpha: RawImage = { ...image, channels: 4, data: rgba }
    const restored = await deblur(
      fakeModels(MAXIM),
      withAlpha,
      op(0.7, 'best'),
      undefined,
      silentControl
    )
    expect(restored.image.channels).toBe(4)
    for (let p = 0; p < 100 * 70; p += 13) expect(restored.image.data[p * 4 + 3]).toBe(p % 7)
  })
})
