import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestWorker } from '../../engine/worker/test-worker/build-test-worker'
import { runUpscalerJs } from './index'

const FIXTURE = resolve('node_modules/@upscalerjs/esrgan-slim/assets/fixture.png')

let childPath: string
let workDir: string
let inputPng: string

beforeAll(async () => {
  childPath = await buildTestWorker(join(__dirname, 'child.ts'))
  workDir = await mkdtemp(join(tmpdir(), 'lucid-upscalerjs-'))
  inputPng = join(workDir, 'crop-32.png')
  await sharp(FIXTURE).extract({ left: 0, top: 0, width: 32, height: 32 }).png().toFile(inputPng)
}, 60_000)

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

describe('runUpscalerJs', () => {
  it.each(['cpu', 'wasm'] as const)(
    'upscales a 32² crop with esrgan-slim-x2 on the %s backend',
    async (backend) => {
      const result = await runUpscalerJs(
        { modelId: 'esrgan-slim-x2', inputPng, backend, timeoutMs: 30_000 },
        childPath
      )
      expect(result.note).toContain(`backend ${backend}`)
      expect(result.outputShape).toEqual([64, 64, 3])
      expect(result.seconds).toBeGreaterThan(0)
    },
    60_000
  )

  it('stops an inference that outlasts its limit and reports the limit as a lower bound', async () => {
    const result = await runUpscalerJs(
      { modelId: 'maxim-deblurring', inputPng, backend: 'cpu', timeoutMs: 2_000 },
      childPath
    )
    expect(result).toMatchObject({ seconds: null, lowerBoundSeconds: 2 })
    expect(result.note).toContain('stopped after 2 s of inference')
  }, 60_000)

  it('rejects an id that is not in the manifest', async () => {
    await expect(
      runUpscalerJs(
        { modelId: 'esrgan-tiny-x2', inputPng, backend: 'cpu', timeoutMs: 1_000 },
        childPath
      )
    ).rejects.toThrow('Expected a model id from the manifest but received esrgan-tiny-x2')
  })
})
