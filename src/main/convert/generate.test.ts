import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ModelManifestSchema } from '../../shared/domain/model-manifest'
import { tempDir } from '../testing/images'
import { catalog } from './catalog'
import type { ProgressEvent } from './generate'
import {
  CONVERTER_VERSION,
  generateModels,
  manifestPath,
  readManifest,
  sha256File
} from './generate'
import type { ModelTarget } from './targets'
import { targets } from './targets'

const repoModels = join(process.cwd(), 'resources', 'models')

describe('resources/models (generated at install)', () => {
  it('has a complete manifest that matches every generated file', async () => {
    const manifest = await readManifest(repoModels)
    expect(manifest).not.toBeNull()
    expect(ModelManifestSchema.safeParse(manifest).success).toBe(true)
    expect(manifest?.converterVersion).toBe(CONVERTER_VERSION)
    expect(manifest?.models.map((m) => m.id).sort()).toEqual(targets.map((t) => t.source.id).sort())
    for (const entry of manifest?.models ?? []) {
      expect(await sha256File(join(repoModels, entry.file)), entry.file).toBe(entry.sha256)
      for (const variant of entry.variants ?? []) {
        expect(await sha256File(join(repoModels, variant.file)), variant.file).toBe(variant.sha256)
      }
    }
  })
})

describe('generateModels', () => {
  const slim = targets.filter((t) => t.source.id === 'esrgan-slim-x2')
  let dir: string
  let events: ProgressEvent[]
  const run = (
    extra: Partial<Parameters<typeof generateModels>[0]> = {}
  ): ReturnType<typeof generateModels> =>
    generateModels({
      modelsDir: dir,
      targets: slim,
      force: false,
      writeManifest: true,
      onProgress: (e) => events.push(e),
      ...extra
    })

  beforeEach(async () => {
    dir = await tempDir('lucid-models-')
    events = []
  })

  it('generates what is missing, then skips it while it matches the manifest', async () => {
    const first = await run()
    expect(first.models).toHaveLength(1)
    expect(events).toContainEqual(expect.objectContaining({ kind: 'model', status: 'generated' }))
    events = []
    await run({ writeManifest: false })
    expect(events).toContainEqual({
      kind: 'model',
      id: 'esrgan-slim-x2',
      index: 0,
      status: 'up-to-date',
      seconds: 0
    })
  })

  it('regenerates a corrupted (stale) file and a forced one', async () => {
    await run()
    await writeFile(join(dir, 'esrgan-slim-x2.onnx'), 'truncated')
    events = []
    await run({ writeManifest: false })
    expect(events).toContainEqual(expect.objectContaining({ status: 'generated' }))
    const sha = await sha256File(join(dir, 'esrgan-slim-x2.onnx'))
    expect(sha).toBe((await readManifest(dir))?.models[0]?.sha256)
    events = []
    await run({ force: true, writeManifest: false })
    expect(events).toContainEqual(expect.objectContaining({ status: 'generated' }))
  })

  it('keeps the other entries when a subset is regenerated', async () => {
    const two = targets.filter((t) => ['esrgan-slim-x2', 'esrgan-slim-x3'].includes(t.source.id))
    await generateModels({ modelsDir: dir, targets: two, force: false, writeManifest: true })
    const before = await readManifest(dir)
    await generateModels({
      modelsDir: dir,
      targets: two.slice(1),
      manifestTargets: two,
      force: true,
      writeManifest: true
    })
    expect(await readManifest(dir)).toEqual(before)
  })

  it('refuses output that disagrees with the committed manifest', async () => {
    await run()
    const manifest = JSON.parse(await readFile(manifestPath(dir), 'utf8')) as {
      models: { sha256: string }[]
    }
    manifest.models[0]!.sha256 = 'f'.repeat(64)
    await writeFile(manifestPath(dir), JSON.stringify(manifest))
    await expect(run({ writeManifest: false })).rejects.toThrow(
      /differs from resources\/models\/manifest\.json/
    )
  })

  it('leaves out an int8 copy that this CPU does not reproduce, instead of failing', async () => {
    const x8 = targets.filter((t) => t.source.id === 'esrgan-slim-x8')
    expect(x8[0]?.precisions).toContain('int8')
    await generateModels({ modelsDir: dir, targets: x8, force: false, writeManifest: true })
    const manifest = JSON.parse(await readFile(manifestPath(dir), 'utf8')) as {
      models: { sha256: string; variants: { precision: string; file: string; sha256: string }[] }[]
    }
    const int8 = manifest.models[0]!.variants.find((v) => v.precision === 'int8')!
    int8.sha256 = 'f'.repeat(64)
    await writeFile(manifestPath(dir), JSON.stringify(manifest))
    await generateModels({ modelsDir: dir, targets: x8, force: true, writeManifest: false })
    expect(await readdir(dir)).not.toContain(int8.file)
    expect(await readdir(dir)).toContain('esrgan-slim-x8.fp16.onnx')
    // The float32 model itself must still match: that is never forgiven.
    manifest.models[0]!.sha256 = 'f'.repeat(64)
    await writeFile(manifestPath(dir), JSON.stringify(manifest))
    await expect(
      generateModels({ modelsDir: dir, targets: x8, force: true, writeManifest: false })
    ).rejects.toThrow(/differs from resources\/models\/manifest\.json/)
  })

  it('fails with the model named and leaves no partial file when a conversion fails', async () => {
    const source = catalog.find((s) => s.id === 'esrgan-slim-x2')!
    const broken: ModelTarget = {
      ...slim[0]!,
      source: { ...source, id: 'broken', modelJson: 'models/nope/model.json' },
      file: 'broken.onnx'
    }
    await mkdir(dir, { recursive: true })
    await expect(
      generateModels({ modelsDir: dir, targets: [broken], force: true, writeManifest: true })
    ).rejects.toThrow(/^Converting broken failed: /)
    expect(await readdir(dir)).toEqual([])
  })
})
