import { copyFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LucidError } from '../../../shared/ipc/errors'
import { tempDir } from '../../testing/images'
import { readModelManifest } from './model-files'
import { defaultModelsDir } from './models-dir'
import { SessionPool } from './session-pool'

const modelsDir = defaultModelsDir()
const MODEL = 'esrgan-slim-x2'
const pools: SessionPool[] = []

function pool(options: Partial<ConstructorParameters<typeof SessionPool>[0]> = {}): SessionPool {
  const created = new SessionPool({ modelsDir, device: { kind: 'cpu' }, ...options })
  pools.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.release()))
})

const grey = (height: number, width: number): Float32Array =>
  new Float32Array(height * width * 3).fill(0.5)

describe('SessionPool', () => {
  it('creates nothing until asked, then one session shared by concurrent and later requests', async () => {
    const models = pool()
    expect(models.sessionsCreated).toBe(0)
    const [first, second] = await Promise.all([models.runner(MODEL), models.runner(MODEL)])
    expect(first).toBe(second)
    expect(await models.runner(MODEL)).toBe(first)
    await models.cpuRunner(MODEL)
    expect(models.sessionsCreated).toBe(1)
    expect(first).toMatchObject({ provider: 'cpu', entry: { id: MODEL, scale: 2 } })
    expect(first.fallbackReason).toBeUndefined()
  })

  it('runs an NHWC tile to an image twice the size, keeping a flat grey grey', async () => {
    const runner = await pool().runner(MODEL)
    const output = await runner.run(grey(32, 48), 32, 48)
    expect(output).toHaveLength(64 * 96 * 3)
    const mean = output.reduce((sum, value) => sum + value, 0) / output.length
    expect(mean).toBeGreaterThan(0.45)
    expect(mean).toBeLessThan(0.55)
    await expect(runner.run(grey(32, 48), 32, 47)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT'
    })
  })

  it('falls back from CUDA to the CPU with the reason, and the CPU runner shares that session', async () => {
    const models = pool({ device: { kind: 'cuda' } })
    const runner = await models.runner(MODEL)
    if (runner.provider === 'cuda') {
      // A CUDA build on a machine with a GPU: nothing to fall back from.
      expect(runner.fallbackReason).toBeUndefined()
      return
    }
    expect(runner.provider).toBe('cpu')
    expect(runner.fallbackReason).toMatch(/^CUDA unavailable: .+; running on CPU$/)
    expect(await runner.run(grey(16, 16), 16, 16)).toHaveLength(32 * 32 * 3)
    await models.cpuRunner(MODEL)
    expect(models.sessionsCreated).toBe(1)
  })

  it('passes over a provider this build lacks without trying it', async () => {
    const runner = await pool({ device: { kind: 'directml' }, platform: 'linux' }).runner(MODEL)
    if (process.platform === 'win32') return // DirectML is in the Windows build
    expect(runner.provider).toBe('cpu')
    expect(runner.fallbackReason).toBe(
      'DirectML unavailable: not included in this onnxruntime-node build; running on CPU'
    )
  })

  it('answers MODEL_MISSING for an absent file, and loads it once it is there', async () => {
    const dir = await tempDir()
    await copyFile(join(modelsDir, 'manifest.json'), join(dir, 'manifest.json'))
    const models = pool({ modelsDir: dir })
    const error = await models.runner(MODEL).catch((e: unknown) => e as LucidError)
    expect(error).toMatchObject({ code: 'MODEL_MISSING' })
    expect((error as LucidError).message).toContain('npm run models')
    await copyFile(join(modelsDir, `${MODEL}.onnx`), join(dir, `${MODEL}.onnx`))
    expect((await models.runner(MODEL)).provider).toBe('cpu')
  })

  it('answers MODEL_MISSING for a damaged file of the right size', async () => {
    const dir = await tempDir()
    await copyFile(join(modelsDir, 'manifest.json'), join(dir, 'manifest.json'))
    const entry = (await readModelManifest(dir)).models.find((m) => m.id === MODEL)!
    await writeFile(join(dir, entry.file), Buffer.alloc(entry.bytes, 7))
    await expect(pool({ modelsDir: dir }).runner(MODEL)).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining('could not be loaded') as string
    })
  })

  it('opens the reduced-precision copy the manifest names for the provider, unless told fp32', async () => {
    // A manifest whose slim model has a CPU variant (the fp16 file, which the CPU provider also
    // runs) and a damaged one: which file the pool opened shows in whether it loads.
    const dir = await tempDir()
    const manifest = await readModelManifest(modelsDir)
    const entry = manifest.models.find((m) => m.id === MODEL)!
    const fp16 = entry.variants?.find((v) => v.precision === 'fp16')
    expect(fp16).toBeDefined()
    await copyFile(join(modelsDir, entry.file), join(dir, entry.file))
    await copyFile(join(modelsDir, fp16!.file), join(dir, fp16!.file))
    const withVariant = (file: string): unknown => ({
      ...manifest,
      models: [{ ...entry, variants: [{ ...fp16!, file, precision: 'int8', devices: ['cpu'] }] }]
    })
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(withVariant(fp16!.file)))
    const runner = await pool({ modelsDir: dir }).runner(MODEL)
    const output = await runner.run(grey(16, 16), 16, 16)
    expect(output).toHaveLength(32 * 32 * 3)

    await writeFile(join(dir, 'broken.onnx'), Buffer.alloc(fp16!.bytes, 7))
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(withVariant('broken.onnx')))
    await expect(pool({ modelsDir: dir }).runner(MODEL)).rejects.toMatchObject({
      code: 'MODEL_MISSING'
    })
    expect((await pool({ modelsDir: dir, precision: 'fp32' }).runner(MODEL)).provider).toBe('cpu')
  })

  it('saves optimized graphs in optimizedModelsDir and opens later sessions from them', async () => {
    const optimizedModelsDir = await tempDir()
    const first = await pool({ optimizedModelsDir }).runner(MODEL)
    const saved = await readdir(optimizedModelsDir)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatch(new RegExp(`^${MODEL}-[0-9a-f]{24}\\.onnx$`))
    const tile = new Float32Array(8 * 8 * 3).map((_, i) => (i % 13) / 12)
    const again = await pool({ optimizedModelsDir }).runner(MODEL)
    expect(await again.run(tile, 8, 8)).toEqual(await first.run(tile, 8, 8))
    expect(await readdir(optimizedModelsDir)).toEqual(saved)
  })

  it('closes its sessions on release and creates new ones after', async () => {
    const models = pool()
    const before = await models.runner(MODEL)
    await models.release()
    const after = await models.runner(MODEL)
    expect(after).not.toBe(before)
    expect(models.sessionsCreated).toBe(2)
  })
})
