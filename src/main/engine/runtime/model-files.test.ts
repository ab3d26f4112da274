import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LucidError } from '../../../shared/ipc/errors'
import { tempDir } from '../../testing/images'
import { locateModel, readModelManifest } from './model-files'
import { defaultModelsDir } from './models-dir'

const modelsDir = defaultModelsDir()

async function rejection(promise: Promise<unknown>): Promise<LucidError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as LucidError
  )
}

/** A models folder holding the real manifest and, optionally, copies of some model files. */
async function modelsCopy(files: readonly string[] = []): Promise<string> {
  const dir = await tempDir()
  await copyFile(join(modelsDir, 'manifest.json'), join(dir, 'manifest.json'))
  for (const file of files) await copyFile(join(modelsDir, file), join(dir, file))
  return dir
}

describe('readModelManifest', () => {
  it('reads and validates the committed manifest', async () => {
    const manifest = await readModelManifest(modelsDir)
    expect(manifest.models.map((m) => m.id)).toContain('esrgan-slim-x2')
  })

  it('refuses a missing, malformed or foreign manifest as MODEL_MISSING', async () => {
    const empty = await tempDir()
    const missing = await rejection(readModelManifest(empty))
    expect(missing.code).toBe('MODEL_MISSING')
    expect(missing.message).toContain('npm run models')

    await writeFile(join(empty, 'manifest.json'), '{ not json')
    expect((await rejection(readModelManifest(empty))).code).toBe('MODEL_MISSING')

    await writeFile(join(empty, 'manifest.json'), JSON.stringify({ converterVersion: 3 }))
    const foreign = await rejection(readModelManifest(empty))
    expect(foreign.code).toBe('MODEL_MISSING')
    expect(foreign.message).toContain('models')
  })
})

describe('locateModel', () => {
  it('returns the entry and path of a model whose file has the manifest size', async () => {
    const manifest = await readModelManifest(modelsDir)
    const model = await locateModel(modelsDir, manifest, 'esrgan-slim-x2')
    expect(model.entry).toMatchObject({ id: 'esrgan-slim-x2', scale: 2, layout: 'NHWC' })
    expect(model.path).toBe(join(modelsDir, 'esrgan-slim-x2.onnx'))
  })

  it('refuses an absent file with a message saying to run npm run models', async () => {
    const dir = await modelsCopy()
    const manifest = await readModelManifest(dir)
    const error = await rejection(locateModel(dir, manifest, 'esrgan-slim-x2'))
    expect(error.code).toBe('MODEL_MISSING')
    expect(error.message).toContain('`npm run models`')
    expect(error.message).toContain('esrgan-slim-x2.onnx')
  })

  it('refuses a file of another size, and an id the manifest does not list', async () => {
    const dir = await modelsCopy(['esrgan-slim-x2.onnx'])
    const truncated = (await readFile(join(dir, 'esrgan-slim-x2.onnx'))).subarray(0, 1000)
    await writeFile(join(dir, 'esrgan-slim-x2.onnx'), truncated)
    const manifest = await readModelManifest(dir)
    const wrongSize = await rejection(locateModel(dir, manifest, 'esrgan-slim-x2'))
    expect(wrongSize.code).toBe('MODEL_MISSING')
    expect(wrongSize.message).toContain('1000 bytes')
    expect((await rejection(locateModel(dir, manifest, 'no-such-model'))).code).toBe(
      'MODEL_MISSING'
    )
  })
})
