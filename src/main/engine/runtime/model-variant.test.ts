import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ModelEntry } from '../../../shared/domain/model-manifest'
import { tempDir } from '../../testing/images'
import { chooseModelFile, locateModelFile } from './model-variant'

const sha = (c: string): string => c.repeat(64)
const entry = {
  id: 'esrgan-slim-x2',
  file: 'esrgan-slim-x2.onnx',
  bytes: 10,
  sha256: sha('a'),
  variants: [
    {
      precision: 'fp16',
      file: 'esrgan-slim-x2.fp16.onnx',
      devices: ['cuda', 'dml', 'coreml'],
      bytes: 5,
      sha256: sha('b')
    },
    {
      precision: 'int8',
      file: 'esrgan-slim-x2.int8.onnx',
      devices: ['cpu'],
      bytes: 3,
      sha256: sha('c')
    }
  ]
} as unknown as ModelEntry

describe('chooseModelFile', () => {
  it('takes int8 on the CPU and fp16 on GPU providers with auto', () => {
    expect(chooseModelFile(entry, 'cpu', 'auto')).toMatchObject({
      precision: 'int8',
      sha256: sha('c')
    })
    for (const gpu of ['cuda', 'dml', 'coreml'] as const) {
      expect(chooseModelFile(entry, gpu, 'auto').file).toBe('esrgan-slim-x2.fp16.onnx')
    }
  })

  it('takes the float32 file when asked, or when no variant suits the provider', () => {
    expect(chooseModelFile(entry, 'cuda', 'fp32')).toMatchObject({
      precision: 'fp32',
      sha256: sha('a')
    })
    const fp16Only = { ...entry, variants: entry.variants?.slice(0, 1) }
    expect(chooseModelFile(fp16Only, 'cpu', 'auto').file).toBe('esrgan-slim-x2.onnx')
    const noVariants = { ...entry, variants: undefined }
    expect(chooseModelFile(noVariants, 'dml', 'auto').precision).toBe('fp32')
  })
})

describe('locateModelFile', () => {
  it('returns the variant that is present with its size, else the float32 file', async () => {
    const dir = await tempDir('lucid-variant-')
    await writeFile(join(dir, 'esrgan-slim-x2.fp16.onnx'), Buffer.alloc(5))
    await writeFile(join(dir, 'esrgan-slim-x2.int8.onnx'), Buffer.alloc(4))
    const gpu = await locateModelFile(dir, entry, 'cuda', 'auto')
    expect(gpu).toMatchObject({ precision: 'fp16', path: join(dir, 'esrgan-slim-x2.fp16.onnx') })
    // The int8 file has the wrong size: fall back rather than load a broken variant.
    const cpu = await locateModelFile(dir, entry, 'cpu', 'auto')
    expect(cpu).toMatchObject({ precision: 'fp32', path: join(dir, 'esrgan-slim-x2.onnx') })
  })
})
