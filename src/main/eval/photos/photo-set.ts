import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { z } from 'zod'
import type { RawImage } from '../../engine/raw-image'
import { toRawImage } from '../../engine/raw-image'
import type { EvalCrop } from '../evaluate'

/**
 * The eval's photos: files inside Debian packages, named in manifest.json by package, version,
 * path and SHA-256, with the crop boxes, seeds and the dev/test split. The images are never
 * committed; `ensurePhotoFiles` fetches the packages with apt-get (as the user, into a cache;
 * nothing is installed) and checks every file's hash.
 */
const BoxSchema = z
  .object({
    left: z.number().int().min(0),
    top: z.number().int().min(0),
    width: z.number().int().min(16),
    height: z.number().int().min(16)
  })
  .strict()

const CropSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['crop', 'whole']),
    box: BoxSchema,
    seed: z.number().int()
  })
  .strict()

const PhotoSchema = z
  .object({
    id: z.string().min(1),
    package: z.string().min(1),
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    licence: z.string().min(1),
    seed: z.number().int(),
    split: z.enum(['dev', 'test']),
    crops: z.array(CropSchema).min(1)
  })
  .strict()

export const ManifestSchema = z
  .object({
    about: z.string(),
    splitRule: z.string(),
    sources: z.array(
      z
        .object({
          package: z.string().min(1),
          version: z.string().min(1),
          licence: z.string().min(1),
          copyrightFile: z.string().min(1)
        })
        .strict()
    ),
    photos: z.array(PhotoSchema).min(1)
  })
  .strict()
  .superRefine((manifest, context) => {
    const packages = new Set(manifest.sources.map((s) => s.package))
    for (const photo of manifest.photos) {
      if (!packages.has(photo.package)) {
        context.addIssue({
          code: 'custom',
          message: `${photo.id}: unknown package ${photo.package}`
        })
      }
      for (const crop of photo.crops) {
        const { left, top, width, height } = crop.box
        if (left + width > photo.width || top + height > photo.height) {
          context.addIssue({ code: 'custom', message: `${crop.id}: box outside ${photo.id}` })
        }
      }
    }
  })
export type Manifest = z.infer<typeof ManifestSchema>

/** @throws Error naming the file and the first problem when the manifest is invalid */
export async function loadManifest(path = defaultManifestPath()): Promise<Manifest> {
  const parsed = ManifestSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid eval manifest: ${parsed.error.issues[0]?.message ?? ''}`
    )
  }
  return parsed.data
}

/** The manifest beside this file in a checkout, whether run from src (tests) or out/tools. */
function defaultManifestPath(): string {
  const candidates = [
    join(__dirname, 'manifest.json'),
    join(process.cwd(), 'src/main/eval/photos/manifest.json')
  ]
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string)
}

const run = promisify(execFile)

/**
 * Makes every photo file of the manifest available under one root (`<root>/<package>/<file>`)
 * and checks its SHA-256. `LUCID_EVAL_PHOTOS` names a root that already holds the extracted
 * packages; otherwise each missing package is fetched with `apt-get download <pkg>=<version>`
 * into `cacheDir` and unpacked with `dpkg-deb -x`.
 *
 * @returns the root
 * @throws Error saying which package could not be fetched, or which file's hash differs
 */
export async function ensurePhotoFiles(
  manifest: Manifest,
  cacheDir = resolve('node_modules/.cache/lucid-eval')
): Promise<string> {
  const root = process.env.LUCID_EVAL_PHOTOS ?? cacheDir
  for (const source of manifest.sources) {
    const needed = manifest.photos.filter((p) => p.package === source.package)
    if (needed.every((p) => existsSync(join(root, p.package, p.file)))) continue
    if (process.env.LUCID_EVAL_PHOTOS) {
      throw new Error(`${root} lacks ${source.package}'s files (LUCID_EVAL_PHOTOS)`)
    }
    await fetchPackage(source.package, source.version, root)
  }
  for (const photo of manifest.photos) {
    const path = join(root, photo.package, photo.file)
    const digest = createHash('sha256')
      .update(await readFile(path))
      .digest('hex')
    if (digest !== photo.sha256) {
      throw new Error(`${path}: SHA-256 ${digest} differs from the manifest's ${photo.sha256}`)
    }
  }
  return root
}

async function fetchPackage(name: string, version: string, root: string): Promise<void> {
  const debs = join(root, 'debs')
  await mkdir(debs, { recursive: true })
  try {
    await run('apt-get', ['download', `${name}=${version}`], { cwd: debs })
  } catch (error) {
    throw new Error(
      `Could not fetch the eval's photos from Debian package ${name} ${version} (apt-get download; the eval needs Debian's package tools and mirror): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    )
  }
  const deb = (await readdir(debs)).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'))
  if (!deb) throw new Error(`apt-get download ${name}=${version} left no .deb in ${debs}`)
  await run('dpkg-deb', ['-x', join(debs, deb), join(root, name)])
}

export interface LoadOptions {
  readonly split?: 'dev' | 'test' | 'all'
}

/**
 * The manifest's crops as 8-bit sRGB RGB (grey expanded, alpha dropped, EXIF orientation
 * ignored: boxes are in the file's stored pixel grid), in manifest order, which interleaves
 * the sources so that the eval's first-N subsample mixes them.
 */
export async function loadCrops(
  manifest: Manifest,
  root: string,
  options: LoadOptions = {}
): Promise<EvalCrop[]> {
  const split = options.split ?? 'all'
  const crops: EvalCrop[] = []
  for (const photo of manifest.photos) {
    if (split !== 'all' && photo.split !== split) continue
    for (const crop of photo.crops) {
      const image: RawImage = await toRawImage(
        sharp(join(root, photo.package, photo.file))
          .extract(crop.box)
          .removeAlpha()
          .toColourspace('srgb')
      )
      crops.push({ id: crop.id, split: photo.split, seed: crop.seed, image })
    }
  }
  return order(crops, manifest)
}

/** Round-robin over photos: crop 1 of every photo, then crop 2 of every photo, … */
function order(crops: EvalCrop[], manifest: Manifest): EvalCrop[] {
  const rank = new Map<string, number>()
  for (const photo of manifest.photos) photo.crops.forEach((c, i) => rank.set(c.id, i))
  return crops
    .map((crop, index) => ({ crop, index }))
    .sort((a, b) => (rank.get(a.crop.id) ?? 0) - (rank.get(b.crop.id) ?? 0) || a.index - b.index)
    .map(({ crop }) => crop)
}
