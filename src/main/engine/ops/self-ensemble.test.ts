import { describe, expect, it } from 'vitest'
import type { EnsembleSize } from '../../../shared/domain/tool-defaults'
import { LucidError } from '../../../shared/ipc/errors'
import type { FakeModel } from '../../testing/fake-models'
import { fakeModels, firstDifference, texturedPhoto } from '../../testing/fake-models'
import type { RawImage } from '../raw-image'
import type { JobControl } from '../runtime/model-runner'
import { silentControl } from '../runtime/model-runner'
import type { Rect } from './mask'
import { runModelTiled } from './run-model'
import { runModelEnsemble } from './self-ensemble'

interface Report {
  readonly tilesDone: number
  readonly tilesTotal: number
  readonly stage: string
}

function recording(cancelAfter = Infinity): JobControl & { reports: Report[] } {
  const reports: Report[] = []
  return {
    reports,
    throwIfCancelled: () => {
      if ((reports.at(-1)?.tilesDone ?? 0) >= cancelAfter) {
        throw new LucidError('CANCELLED', 'Cancelled')
      }
    },
    progress: (update) => reports.push({ ...update })
  }
}

const ensemble = (
  fake: FakeModel,
  image: RawImage,
  transforms: EnsembleSize,
  extra: { region?: Rect; tileSize?: number; control?: JobControl } = {}
) =>
  runModelEnsemble(fakeModels(fake), 'fake', image, extra.control ?? silentControl, {
    stage: 'Testing',
    transforms,
    ...(extra.region ? { region: extra.region } : {}),
    ...(extra.tileSize ? { tileSize: extra.tileSize } : {})
  })

const single = (
  fake: FakeModel,
  image: RawImage,
  extra: { region?: Rect; tileSize?: number } = {}
) => runModelTiled(fakeModels(fake), 'fake', image, silentControl, { stage: 'Testing', ...extra })

describe('runModelEnsemble', () => {
  it('with one transform is runModelTiled exactly', async () => {
    const image = texturedPhoto(90, 70)
    const fake = { ramp: 0.3, tile: 48 }
    const region = { x: 10, y: 5, width: 50, height: 40 }
    const one = await ensemble(fake, image, 1, { region })
    const plain = await single(fake, image, { region })
    expect(one.image).toMatchObject({ width: plain.image.width, bitDepth: 8 })
    expect(firstDifference(one.image, plain.image)).toBe(-1)
    expect(one.tilesInferred).toBe(plain.tilesInferred)
  })

  it.each([2, 4, 8] as const)(
    'changes nothing for an equivariant model (%i transforms), tiled and scaled ×2',
    async (transforms) => {
      const image = texturedPhoto(90, 70)
      const fake = { scale: 2, tile: 48 }
      const run = await ensemble(fake, image, transforms)
      const plain = await single(fake, image)
      expect(firstDifference(run.image, plain.image)).toBe(-1)
      expect(run.tilesInferred).toBe(plain.tilesInferred * transforms)
    }
  )

  it.each([
    [1, 'ramp'],
    [2, 'flat'],
    [4, 'flat'],
    [8, 'flat']
  ] as const)(
    'turns each output back before averaging (%i transforms: %s)',
    async (transforms, shape) => {
      // One tile covers the photo, so the fake's ramp runs across the whole output: 0 → 60
      // levels left to right. Mirrored passes run it right to left once turned back, and the
      // transposed ones top to bottom and back, so every ensemble averages it to a flat 30.
      const image = texturedPhoto(40, 30)
      const run = await ensemble({ ramp: 60 / 255, tile: 64 }, image, transforms)
      const offset = (x: number, y: number): number => {
        const i = (y * 40 + x) * 3
        return (run.image.data[i] ?? 0) - (image.data[i] ?? 0)
      }
      if (shape === 'ramp') {
        expect([offset(0, 10), offset(39, 10)]).toEqual([0, 60])
        return
      }
      for (let y = 0; y < 30; y += 7) {
        for (let x = 0; x < 40; x += 3) expect(Math.abs(offset(x, y) - 30)).toBeLessThanOrEqual(1)
      }
    }
  )

  it('averages 16-bit outputs at 16 bits', async () => {
    const image = texturedPhoto(40, 30, 16)
    const run = await ensemble({ ramp: 600 / 65535, tile: 64 }, image, 8)
    expect(run.image.data).toBeInstanceOf(Uint16Array)
    for (let i = 0; i < image.data.length; i += 11) {
      const offset = (run.image.data[i] ?? 0) - (image.data[i] ?? 0)
      expect(Math.abs(offset - 300)).toBeLessThanOrEqual(1)
    }
  })

  it('rounds the average to the nearest level rather than down', async () => {
    // A ramp of 0 → 1 level: a pass adds 0 on the left half and 1 on the right, its mirror
    // the other way round, so every sample sums to 1 over the two passes: an average of ½.
    const image = texturedPhoto(40, 30)
    const run = await ensemble({ ramp: 1 / 255, tile: 64 }, image, 2)
    const offsets = new Set(Array.from(run.image.data, (v, i) => v - (image.data[i] ?? 0)))
    expect([...offsets]).toEqual([1])
  })

  it.each([2, 4, 8] as const)(
    'restores only a region, scaled ×3 and tiled, as a single pass does (%i transforms)',
    async (transforms) => {
      const image = texturedPhoto(120, 80)
      const region = { x: 70, y: 9, width: 41, height: 57 }
      const fake = { scale: 3, tile: 32 }
      const run = await ensemble(fake, image, transforms, { region })
      expect(run.image).toMatchObject({ width: 41 * 3, height: 57 * 3, channels: 3 })
      expect(firstDifference(run.image, (await single(fake, image, { region })).image)).toBe(-1)
    }
  )

  it('runs fixed-input models (MAXIM-like) over transposed, non-square photos', async () => {
    const image = texturedPhoto(100, 70)
    const fake = { fixed: 64 }
    const run = await ensemble(fake, image, 8, { region: { x: 3, y: 40, width: 90, height: 25 } })
    const plain = await single(fake, image, { region: { x: 3, y: 40, width: 90, height: 25 } })
    expect(firstDifference(run.image, plain.image)).toBe(-1)
  })

  it('counts progress over every pass, never going back, and sums the tiles', async () => {
    const control = recording()
    const run = await ensemble({ tile: 40 }, texturedPhoto(100, 70), 8, { control })
    const { reports } = control
    const total = reports[0]?.tilesTotal ?? 0
    expect(total).toBe(run.tilesInferred)
    expect(reports.every((r) => r.tilesTotal === total && r.stage === 'Testing')).toBe(true)
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]?.tilesDone).toBeGreaterThanOrEqual(reports[i - 1]?.tilesDone ?? 0)
    }
    expect(reports.at(-1)?.tilesDone).toBe(total)
  })

  it('keeps a smaller tile after running out of memory, and progress monotone', async () => {
    const models = fakeModels({ tile: 128, fits: 64 })
    const control = recording()
    const image = texturedPhoto(150, 110)
    const run = await runModelEnsemble(models, 'fake', image, control, {
      stage: 'Testing',
      transforms: 4
    })
    // Only the first pass tries the large tile; the rest start with the side that fit.
    expect(models.sides.filter((side) => side > 64)).toHaveLength(1)
    expect(run.tileSize).toBe(64)
    expect(run.tilesInferred).toBe(models.sides.length - 1)
    const done = control.reports.map((r) => r.tilesDone)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(control.reports.at(-1)).toMatchObject({ tilesDone: run.tilesInferred })
    expect(control.reports.at(-1)?.tilesTotal).toBe(run.tilesInferred)
    expect(firstDifference(run.image, image)).toBe(-1)
  })

  it('stops when cancelled inside a later pass', async () => {
    const models = fakeModels({ tile: 40 })
    const image = texturedPhoto(100, 70)
    const perPass = (await single({ tile: 40 }, image)).tilesInferred
    const control = recording(perPass + 2)
    const error: unknown = await runModelEnsemble(models, 'fake', image, control, {
      stage: 'Testing',
      transforms: 4
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LucidError)
    expect((error as LucidError).code).toBe('CANCELLED')
    expect(models.sides).toHaveLength(perPass + 2)
  })
})
