import { describe, expect, it } from 'vitest'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { readModelManifest } from '../engine/runtime/model-files'
import { DEBLUR_ENSEMBLE, UPSCALE_ENSEMBLE } from '../../shared/domain/tool-defaults'
import { DEFAULT_CPU_FLOPS, Estimator } from './estimator'

const manifest = readModelManifest(defaultModelsDir())
const estimator = (available: string[] = ['cpu'], platform: NodeJS.Platform = 'linux'): Estimator =>
  new Estimator({
    manifest: () => manifest,
    availableProviders: () => new Set(available),
    platform,
    arch: 'x64'
  })
const cpu = { kind: 'cpu' } as const
const deblur = { op: 'deblur', strength: 1, quality: 'balanced' } as const

describe('Estimator', () => {
  it('says the CPU runs it, and why the GPU does not, where this build has no GPU provider', async () => {
    const estimate = await estimator().estimate(
      { op: 'denoise', strength: 1 },
      { kind: 'auto' },
      512,
      512,
      null
    )
    expect(estimate).toMatchObject({ provider: 'cpu', device: 'CPU' })
    expect(estimate.fallbackReason).toMatch(/CUDA is not available/)
    const gpu = await estimator(['cuda', 'cpu']).estimate(deblur, { kind: 'auto' }, 64, 64, null)
    expect(gpu).toMatchObject({ provider: 'cuda', device: 'GPU (CUDA)' })
  })

  it('estimates from FLOPs per pixel and the tiles the job reads, with a cautious default', async () => {
    const entry = (await manifest).models.find((m) => m.id === 'maxim-deblurring')
    const whole = await estimator().estimate(deblur, cpu, 1000, 1000, null)
    const painted = await estimator().estimate(deblur, cpu, 1000, 1000, {
      x: 500,
      y: 500,
      width: 20,
      height: 20
    })
    expect(painted.seconds).toBeCloseTo(
      ((entry?.flopsPerInputPixel ?? 0) * 256 * 256) / DEFAULT_CPU_FLOPS
    )
    expect(whole.seconds ?? 0).toBeGreaterThan((painted.seconds ?? 0) * 10)
  })

  it('counts every self-ensemble pass, and no pass at strength 0', async () => {
    const e = estimator()
    const seconds = async (operation: Parameters<Estimator['estimate']>[0]): Promise<number> =>
      (await e.estimate(operation, cpu, 600, 400, null)).seconds ?? NaN
    const balanced = await seconds(deblur)
    expect(await seconds({ ...deblur, quality: 'best' })).toBeCloseTo(
      balanced * DEBLUR_ENSEMBLE.best
    )
    expect(await seconds({ ...deblur, strength: 0 })).toBe(0)
    const upscale = { op: 'upscale', scale: 2, quality: 'best', strength: 1 } as const
    const onePass = (await seconds(upscale)) / UPSCALE_ENSEMBLE.best
    // Learning from an ensemble job divides its time by its passes, so the rate stays per pass.
    await e.record(upscale, cpu, 600, 400, null, {
      provider: 'cpu',
      tilesInferred: 8,
      seconds: onePass * UPSCALE_ENSEMBLE.best
    })
    expect(await seconds(upscale)).toBeCloseTo(onePass * UPSCALE_ENSEMBLE.best)
  })

  it('learns the throughput from completed jobs', async () => {
    const e = estimator()
    const operation = { op: 'upscale', scale: 2, quality: 'fast', strength: 1 } as const
    await e.record(operation, cpu, 100, 100, null, {
      provider: 'cpu',
      tilesInferred: 1,
      seconds: 2
    })
    expect((await e.estimate(operation, cpu, 200, 100, null)).seconds).toBeCloseTo(4)
  })

  it('answers without seconds when the manifest is unreadable', async () => {
    const e = new Estimator({
      manifest: () => Promise.resolve(null),
      availableProviders: () => new Set(['cpu'])
    })
    expect((await e.estimate(deblur, cpu, 10, 10, null)).seconds).toBeNull()
  })
})
