import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { makeRng } from '../degrade/rng'
import type { Manifest } from './photo-set'
import { ManifestSchema } from './photo-set'
import { SOURCES, PHOTOS } from './chosen-photos'

/**
 * Writes manifest.json from the chosen photos (chosen-photos.ts): each photo's seed (a hash of
 * its id), its split, and its crop boxes drawn from that seed, rejecting flat boxes (nothing to
 * restore) and overlapping ones. Run after extracting the packages under a root:
 *   LUCID_EVAL_PHOTOS=<root> npm run eval:select-crops
 * It is deterministic: the same packages give the same manifest.
 */
const SMALL = 256
const LARGE = 512
/** Boxes whose luminance varies less than this (levels of 255) are too flat to judge. */
const MIN_DETAIL = 10

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h >>> 0
}

interface Grey {
  readonly data: Buffer
  readonly width: number
}

type Box = { left: number; top: number; width: number; height: number }

function lumaStd(grey: Grey, box: Box): number {
  let sum = 0
  let squares = 0
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left; x < box.left + box.width; x++) {
      const v = grey.data[y * grey.width + x] ?? 0
      sum += v
      squares += v * v
    }
  }
  const n = box.width * box.height
  return Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2))
}

const overlaps = (
  a: { left: number; top: number; width: number; height: number },
  b: typeof a
): boolean =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height

async function main(): Promise<void> {
  const root = process.env.LUCID_EVAL_PHOTOS
  if (!root) throw new Error('Set LUCID_EVAL_PHOTOS to the folder holding the extracted packages')
  const photos: Manifest['photos'] = []
  const seeded = PHOTOS.map((p) => ({ ...p, seed: fnv1a(p.id) }))
  // The split: within each package, photos in seed order alternate dev, test, dev, …
  const split = new Map<string, 'dev' | 'test'>()
  for (const source of SOURCES) {
    seeded
      .filter((p) => p.package === source.package)
      .sort((a, b) => a.seed - b.seed)
      .forEach((p, i) => split.set(p.id, i % 2 === 0 ? 'dev' : 'test'))
  }
  for (const chosen of seeded) {
    const file = join(root, chosen.package, chosen.file)
    const bytes = await readFile(file)
    const meta = await sharp(bytes).metadata()
    const grey: Grey = { data: await sharp(bytes).greyscale().raw().toBuffer(), width: meta.width }
    const rng = makeRng(chosen.seed)
    const boxes: { left: number; top: number; width: number; height: number }[] = []
    const crops: Manifest['photos'][number]['crops'] = []
    if (chosen.whole) {
      // The whole photo overlaps its crops by design (same photo, same split).
      const box = { left: 0, top: 0, width: meta.width, height: meta.height }
      crops.push({ id: `${chosen.id}-whole`, kind: 'whole', box, seed: rng.int(1, 2 ** 31 - 1) })
    }
    const sizes = Array.from({ length: chosen.crops }, (_, i) =>
      i < (chosen.large ?? 0) ? LARGE : SMALL
    )
    for (const [n, side] of sizes.entries()) {
      for (let attempt = 0; attempt < 400; attempt++) {
        const box = {
          left: rng.int(0, meta.width - side),
          top: rng.int(0, meta.height - side),
          width: side,
          height: side
        }
        if (boxes.some((b) => overlaps(b, box))) continue
        if (lumaStd(grey, box) < MIN_DETAIL) continue
        boxes.push(box)
        crops.push({
          id: `${chosen.id}-${String.fromCharCode(97 + n)}`,
          kind: 'crop',
          box,
          seed: rng.int(1, 2 ** 31 - 1)
        })
        break
      }
    }
    photos.push({
      id: chosen.id,
      package: chosen.package,
      file: chosen.file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: meta.width,
      height: meta.height,
      licence: chosen.licence,
      seed: chosen.seed,
      split: split.get(chosen.id) ?? 'dev',
      crops
    })
  }
  const manifest = ManifestSchema.parse({
    about:
      "Lucid's quality eval (npm run eval): clean photos from Debian packages, never committed; the eval fetches the packages with apt-get, checks each file's SHA-256, crops these boxes and degrades each crop from its seed. Written by select-crops.ts.",
    splitRule:
      "Per photo, never per crop (no photo has crops in both splits): a photo's seed is the FNV-1a hash of its id; within each package, photos sorted by seed alternate dev, test, dev, … Constants are tuned on dev only; the README reports test.",
    sources: SOURCES,
    photos
  })
  const out = resolve('src/main/eval/photos/manifest.json')
  await writeFile(out, `${JSON.stringify(manifest, null, 2)}\n`)
  const count = (s: string): number =>
    photos.filter((p) => p.split === s).reduce((n, p) => n + p.crops.length, 0)
  console.log(
    `${out}: ${photos.length} photos, dev ${count('dev')} crops, test ${count('test')} crops`
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
