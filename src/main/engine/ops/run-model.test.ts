import { describe, expect, it } from 'vitest'
import type { ModelEntry } from '../../../shared/domain/model-manifest'
import type { ProviderName } from '../../../shared/domain/restoration'
import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import type { ModelRunner, ModelSource } from '../runtime/model-runner'
import { silentControl } from '../runtime/model-runner'
import { runModelTiled } from './run-model'

/**
 * The out-of-memory path, with fake runners of an identity model: a provider "runs out of
 * memory" on tiles larger than it can hold, as a GPU does.
 */
function entry(fixedSize: number | null): ModelEntry {
  return {
    id: 'identity',
    scale: 1,
    inputShape: [1, fixedSize, fixedSize, 3],
    sizeDivisibility: 1,
    tile: { size: 128, overlap: 16 }
  } as ModelEntry
}

interface FakeRunner extends ModelRunner {
  readonly attempts: number[]
}

function fakeRunner(
  modelEntry: ModelEntry,
  provider: ProviderName,
  fits: (side: number) => boolean,
  failure: 'OUT_OF_MEMORY' | 'INFERENCE_FAILED' = 'OUT_OF_MEMORY'
): FakeRunner {
  const attempts: number[] = []
  return {
    entry: modelEntry,
    provider,
    attempts,
    run: (tile, height, width) => {
      attempts.push(Math.max(height, width))
      if (!fits(Math.max(height, width))) {
        return Promise.reject(new LucidError(failure, `${provider}: tile ${width}×${height}`))
      }
      return Promise.resolve(Float32Array.from(tile))
    }
  }
}

function source(gpu: ModelRunner, cpu: ModelRunner): ModelSource & { cpuAsked: number } {
  const models = {
    cpuAsked: 0,
    runner: () => Promise.resolve(gpu),
    cpuRunner: () => {
      models.cpuAsked += 1
      return Promise.resolve(cpu)
    }
  }
  return models
}

function photo(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 5)) % 256
  return { data, width, height, channels: 3, bitDepth: 8 }
}

async function rejection(promise: Promise<unknown>): Promise<LucidError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof LucidError)) throw new Error(`expected a LucidError, got ${String(error)}`)
  return error
}

/**
 * Whether an inferred tile's side belongs to a plan with this tile size: the planner spreads
 * tiles evenly, so they can be smaller than the size asked for, but never below half of it.
 */
const inBand = (side: number | undefined, tileSize: number): boolean =>
  side !== undefined && side <= tileSize && side > tileSize / 2

function expectTileSides(attempts: readonly number[], tileSizes: readonly number[]): void {
  expect(attempts).toHaveLength(tileSizes.length)
  attempts.forEach((side, i) => expect(inBand(side, tileSizes[i] ?? 0)).toBe(true))
}

describe('runModelTiled on out-of-memory', () => {
  const image = photo(200, 150)

  it('retries a dynamic-shape model with half the tile side, on the same provider', async () => {
    const gpu = fakeRunner(entry(null), 'cuda', (side) => side <= 64)
    const cpu = fakeRunner(entry(null), 'cpu', () => true)
    const models = source(gpu, cpu)
    const run = await runModelTiled(models, 'identity', image, silentControl, { stage: 'Test' })
    expect(run.runner.provider).toBe('cuda')
    expect(run.fallbackReason).toBeUndefined()
    expect(models.cpuAsked).toBe(0)
    expect(inBand(gpu.attempts[0], 128)).toBe(true)
    expect(gpu.attempts.slice(1).every((side) => inBand(side, 64))).toBe(true)
    expect(run.tilesInferred).toBe(gpu.attempts.length - 1)
    expect(run.image.data).toEqual(image.data)
  })

  it('falls back to the CPU, with the reason, when even 64 px tiles do not fit', async () => {
    const gpu = fakeRunner(entry(null), 'cuda', () => false)
    const cpu = fakeRunner(entry(null), 'cpu', () => true)
    const models = source(gpu, cpu)
    const run = await runModelTiled(models, 'identity', image, silentControl, { stage: 'Test' })
    expectTileSides(gpu.attempts, [128, 64])
    expect(models.cpuAsked).toBe(1)
    expect(run.runner.provider).toBe('cpu')
    expect(run.fallbackReason).toMatch(
      /^cuda ran out of memory \(cuda: tile \d+×\d+\); ran on the CPU$/
    )
    expect(run.image.data).toEqual(image.data)
  })

  it('goes straight to the CPU for a fixed-shape model, whose tile cannot shrink', async () => {
    const gpu = fakeRunner(entry(128), 'dml', () => false)
    const cpu = fakeRunner(entry(128), 'cpu', () => true)
    const models = source(gpu, cpu)
    const run = await runModelTiled(models, 'identity', image, silentControl, { stage: 'Test' })
    expect(gpu.attempts).toEqual([128])
    expect(new Set(cpu.attempts)).toEqual(new Set([128]))
    expect(run.runner.provider).toBe('cpu')
    expect(run.fallbackReason).toMatch(/^dml ran out of memory/)
    expect(run.image.data).toEqual(image.data)
  })

  it('reports OUT_OF_MEMORY when the CPU itself runs out, after trying smaller tiles', async () => {
    const cpu = fakeRunner(entry(null), 'cpu', () => false)
    const models = source(cpu, cpu)
    const error = await rejection(
      runModelTiled(models, 'identity', image, silentControl, { stage: 'Test' })
    )
    expect(error.code).toBe('OUT_OF_MEMORY')
    expectTileSides(cpu.attempts, [128, 64])
    expect(models.cpuAsked).toBe(0)
  })

  it('does not retry other failures', async () => {
    const gpu = fakeRunner(entry(null), 'cuda', () => false, 'INFERENCE_FAILED')
    const models = source(
      gpu,
      fakeRunner(entry(null), 'cpu', () => true)
    )
    const error = await rejection(
      runModelTiled(models, 'identity', image, silentControl, { stage: 'Test' })
    )
    expect(error.code).toBe('INFERENCE_FAILED')
    expectTileSides(gpu.attempts, [128])
    expect(models.cpuAsked).toBe(0)
  })
})
