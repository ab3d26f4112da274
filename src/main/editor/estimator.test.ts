import { describe, expect, it } from 'vitest'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { readModelManifest } from '../engine/runtime/model-files'
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
    const gpu = await estimator(['cuda', 'cpu']).estimate(
      { op: 'deblur' },
      { kind: 'auto' },
      64,
      64,
      null
    )
    expect(gpu).toMatchObject({ provider: 'cuda', device: 'GPU (CUDA)' })
  })

  it('estimates from FLOPs per pixel and the tiles the job reads, with a cautious default', async () => {
    const entry = (await manifest).models.find((m) => m.id === 'maxim-deblurring')
    const whole = await estimator().estimate({ op: 'deblur' }, cpu, 1000, 1000, null)
    const painted = await estimator().estimate({ op: 'deblur' }, cpu, 1000, 1000, {
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

  it('learns the throughput from completed jobs', async () => {
    const e = estimator()
    const operation = { op: 'upscale', scale: 2, quality: 'fast' } as const
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
    expect((await e.estimate({ op: 'deblur' }, cpu, 10, 10, null)).seconds).toBeNull()
  })
})
