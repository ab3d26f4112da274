import { randomUUID } from 'node:crypto'
import { readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { InferenceSession } from 'onnxruntime-node'
import { Tensor } from 'onnxruntime-node'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/images'
import { defaultModelsDir } from './models-dir'
import { locateModel, readModelManifest } from './model-files'
import type { OptimizedModelSource } from './optimized-model-cache'
import { cacheKey, OptimizedModelCache } from './optimized-model-cache'
import { cpuPlan } from './providers'
import { sessionOptions } from './session-options'

const MODEL = 'esrgan-slim-x2'
const sessions: InferenceSession[] = []

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.release()))
})

async function source(
  overrides: Partial<OptimizedModelSource> = {}
): Promise<OptimizedModelSource> {
  const modelsDir = defaultModelsDir()
  const { entry, path } = await locateModel(modelsDir, await readModelManifest(modelsDir), MODEL)
  const [cpu] = cpuPlan()
  if (!cpu) throw new Error('no CPU attempt')
  const options = sessionOptions(cpu)
  return { modelId: MODEL, path, sha256: entry.sha256, provider: 'cpu', options, ...overrides }
}

async function open(
  cache: OptimizedModelCache,
  from: OptimizedModelSource
): Promise<InferenceSession> {
  const session = await cache.create(from)
  sessions.push(session)
  return session
}

async function upscaleGradient(session: InferenceSession): Promise<Float32Array> {
  const tile = new Float32Array(16 * 16 * 3).map((_, i) => (i % 97) / 96)
  const input = new Tensor('float32', tile, [1, 16, 16, 3])
  const output = await session.run({ [session.inputNames[0] ?? '']: input })
  return output[session.outputNames[0] ?? '']?.data as Float32Array
}

describe('OptimizedModelCache', () => {
  it('saves the optimized graph once and later sessions from it give the same output', async () => {
    const dir = await tempDir()
    const cache = new OptimizedModelCache(dir)
    const from = await source()
    const original = await upscaleGradient(await open(cache, from))
    const files = await readdir(dir)
    expect(files).toEqual([`${MODEL}-${await cacheKey(from)}.onnx`])
    const saved = await stat(join(dir, files[0] ?? ''))
    const cached = await upscaleGradient(await open(cache, from))
    expect(cached).toEqual(original)
    // Read, not rewritten.
    expect((await stat(join(dir, files[0] ?? ''))).mtimeMs).toBe(saved.mtimeMs)
  })

  it('falls back to the original model and replaces a corrupt cache file', async () => {
    const dir = await tempDir()
    const cache = new OptimizedModelCache(dir)
    const from = await source()
    const expected = await upscaleGradient(await open(cache, from))
    const file = join(dir, `${MODEL}-${await cacheKey(from)}.onnx`)
    await writeFile(file, 'not an onnx model')
    expect(await upscaleGradient(await open(cache, from))).toEqual(expected)
    expect((await stat(file)).size).toBeGreaterThan(100_000)
  })

  it('keys entries by options and provider, keeping only the newest of a model and live saves', async () => {
    const dir = await tempDir()
    const cache = new OptimizedModelCache(dir)
    const first = await source()
    const second = await source({ options: { ...first.options, intraOpNumThreads: 1 } })
    expect(await cacheKey(second)).not.toBe(await cacheKey(first))
    expect(await cacheKey(await source({ provider: 'cuda' }))).not.toBe(await cacheKey(first))
    await open(cache, first)
    // A save a killed process left behind two hours ago, and one still being written.
    const leftover = `${MODEL}-${'a'.repeat(24)}.onnx.${randomUUID()}.tmp`
    const inProgress = `${MODEL}-${'b'.repeat(24)}.onnx.${randomUUID()}.tmp`
    await writeFile(join(dir, leftover), 'partial')
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    await utimes(join(dir, leftover), twoHoursAgo, twoHoursAgo)
    await writeFile(join(dir, inProgress), 'partial')
    await open(cache, second)
    expect((await readdir(dir)).sort()).toEqual(
      [`${MODEL}-${await cacheKey(second)}.onnx`, inProgress].sort()
    )
  })

  it('still opens the model when the cache folder cannot be made', async () => {
    const dir = await tempDir()
    const blocker = join(dir, 'file')
    await writeFile(blocker, '')
    const session = await open(new OptimizedModelCache(join(blocker, 'cache')), await source())
    expect(await upscaleGradient(session)).toHaveLength(32 * 32 * 3)
    expect(await readdir(dir)).toEqual(['file'])
  })
})
