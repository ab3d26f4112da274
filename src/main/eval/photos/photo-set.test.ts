import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from './photo-set'
import { ensurePhotoFiles, loadCrops, loadManifest, ManifestSchema } from './photo-set'

/** Two tiny photos in a fake package tree, and a manifest naming them with their hashes. */
let root = ''
let manifest: Manifest

async function photo(name: string, seed: number): Promise<{ file: string; sha256: string }> {
  const data = Buffer.alloc(40 * 30 * 3)
  for (let i = 0; i < data.length; i++) data[i] = (i * seed + (i >> 5)) % 251
  const file = `usr/share/${name}.png`
  const path = join(root, 'fake-photos', file)
  await mkdir(join(path, '..'), { recursive: true })
  await sharp(data, { raw: { width: 40, height: 30, channels: 3 } })
    .png()
    .toFile(path)
  return {
    file,
    sha256: createHash('sha256')
      .update(await readFile(path))
      .digest('hex')
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lucid-photos-'))
  const a = await photo('a', 7)
  const b = await photo('b', 13)
  const entry = (id: string, f: typeof a, split: 'dev' | 'test') => ({
    id,
    package: 'fake-photos',
    ...f,
    width: 40,
    height: 30,
    licence: 'CC0',
    seed: 1,
    split,
    crops: [
      {
        id: `${id}-a`,
        kind: 'crop' as const,
        box: { left: 2, top: 3, width: 16, height: 16 },
        seed: 11
      },
      {
        id: `${id}-b`,
        kind: 'crop' as const,
        box: { left: 20, top: 10, width: 20, height: 20 },
        seed: 12
      }
    ]
  })
  manifest = ManifestSchema.parse({
    about: 'test',
    splitRule: 'test',
    sources: [{ package: 'fake-photos', version: '1', licence: 'CC0', copyrightFile: 'x' }],
    photos: [entry('pa', a, 'dev'), entry('pb', b, 'test')]
  })
})

afterEach(() => {
  delete process.env.LUCID_EVAL_PHOTOS
})

describe('the eval photo set', () => {
  it('loads each box exactly, by split, interleaving photos', async () => {
    process.env.LUCID_EVAL_PHOTOS = root
    expect(await ensurePhotoFiles(manifest)).toBe(root)
    const all = await loadCrops(manifest, root)
    expect(all.map((c) => c.id)).toEqual(['pa-a', 'pb-a', 'pa-b', 'pb-b'])
    const dev = await loadCrops(manifest, root, { split: 'dev' })
    expect(dev.map((c) => c.id)).toEqual(['pa-a', 'pa-b'])
    const expected = await sharp(join(root, 'fake-photos/usr/share/a.png'))
      .extract({ left: 2, top: 3, width: 16, height: 16 })
      .raw()
      .toBuffer()
    expect(Buffer.from(dev[0]?.image.data ?? [])).toEqual(expected)
    expect(dev[0]?.seed).toBe(11)
  })

  it('refuses a file whose SHA-256 differs, naming it', async () => {
    process.env.LUCID_EVAL_PHOTOS = root
    const [first, second] = manifest.photos
    if (!first || !second) throw new Error('fixture')
    const wrong = { ...manifest, photos: [{ ...first, sha256: '0'.repeat(64) }, second] }
    await expect(ensurePhotoFiles(wrong)).rejects.toThrow(/a\.png: SHA-256 .* differs/)
  })

  it('refuses an invalid manifest: a box outside its photo', async () => {
    const path = join(root, 'bad.json')
    const [first] = manifest.photos
    if (!first) throw new Error('fixture')
    const bad = {
      ...manifest,
      photos: [
        {
          ...first,
          crops: [{ ...first.crops[0], box: { left: 30, top: 0, width: 16, height: 16 } }]
        }
      ]
    }
    await writeFile(path, JSON.stringify(bad))
    await expect(loadManifest(path)).rejects.toThrow(/box outside/)
  })

  it('the committed manifest: ≥ 60 crops, 3 packages, two splits, no photo in both', async () => {
    const committed = await loadManifest(join(__dirname, 'manifest.json'))
    const crops = committed.photos.flatMap((p) => p.crops)
    expect(crops.length).toBeGreaterThanOrEqual(60)
    expect(new Set(committed.photos.map((p) => p.package)).size).toBeGreaterThanOrEqual(3)
    const splits = new Set(committed.photos.map((p) => p.split))
    expect(splits).toEqual(new Set(['dev', 'test']))
    // One split per photo, and the same file never appears as two photos.
    expect(new Set(committed.photos.map((p) => `${p.package}/${p.file}`)).size).toBe(
      committed.photos.length
    )
    expect(new Set(crops.map((c) => c.id)).size).toBe(crops.length)
    for (const p of committed.photos) {
      const boxes = p.crops.filter((c) => c.kind === 'crop').map((c) => c.box)
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap =
            a.left < b.left + b.width &&
            b.left < a.left + a.width &&
            a.top < b.top + b.height &&
            b.top < a.top + a.height
          expect(overlap, p.id).toBe(false)
        }
      }
    }
  })
})
