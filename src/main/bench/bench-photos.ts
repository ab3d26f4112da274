import { resolve } from 'node:path'
import sharp from 'sharp'

/**
 * Real photos from the UpscalerJS model packages' assets: timings on photographic content
 * (edges, texture, noise), the same files UpscalerJS's own runs can read. Paths are relative to
 * the working directory (the checkout root under `npm run bench`).
 */
export const BENCH_PHOTOS = {
  /** 340×340, motion-blurred. */
  blurred: asset('maxim-deblurring/assets/fixture.png'),
  /** 256×256, noisy. */
  noisy: asset('maxim-denoising/assets/fixture.png'),
  /** 470×470, under-exposed. */
  dark: asset('maxim-enhancement/assets/fixture.png'),
  /** 1024×1024, sharp and detailed: the upscalers' crops and the large synthetic photos. */
  large: asset('esrgan-thick/assets/samples/8x/result.png'),
  /** 512×512, a second scene for the batch. */
  second: asset('esrgan-slim/assets/samples/4x/result.png')
} as const

function asset(path: string): string {
  return resolve('node_modules/@upscalerjs', path)
}

/**
 * Writes the centre `side`×`side` crop of a photo as an RGB PNG. A photo smaller than the
 * crop is first enlarged to cover it (the low-light fixture, 470 px, becomes a 512 px proxy).
 */
export async function writeCrop(photo: string, side: number, path: string): Promise<void> {
  const { width, height } = await sharp(photo).metadata()
  const cover = Math.max(side, Math.min(width, height))
  const scaled = await sharp(photo)
    .removeAlpha()
    .resize(cover, cover, { fit: 'cover' })
    .png({ compressionLevel: 1 })
    .toBuffer()
  const offset = Math.floor((cover - side) / 2)
  await sharp(scaled)
    .extract({ left: offset, top: offset, width: side, height: side })
    .png({ compressionLevel: 1 })
    .toFile(path)
}

/**
 * Writes a large photo made from a real one: resized to `width`×`height` (cover), optionally
 * darkened to a low-light shot (`gain` < 1 scales every sample), saved as a quality-92 JPEG as
 * a camera would.
 */
export async function writeLargePhoto(
  photo: string,
  size: { readonly width: number; readonly height: number; readonly gain?: number },
  path: string
): Promise<void> {
  let pipeline = sharp(photo).removeAlpha().resize(size.width, size.height, { fit: 'cover' })
  if (size.gain !== undefined) pipeline = pipeline.linear(size.gain, 0)
  await pipeline.jpeg({ quality: 92 }).toFile(path)
}

/**
 * Writes `count` different photos of about `megapixels` each for a batch, cut from the large
 * and second sample photos (enlarged so that every crop is distinct), as JPEGs.
 */
export async function writeBatchPhotos(
  count: number,
  megapixels: number,
  folder: string
): Promise<string[]> {
  const width = Math.round(Math.sqrt(megapixels * 1e6 * (4 / 3)))
  const height = Math.round((width * 3) / 4)
  const sources = await Promise.all(
    [BENCH_PHOTOS.large, BENCH_PHOTOS.second].map((photo) =>
      sharp(photo)
        .removeAlpha()
        .resize(width * 2, height * 2, { fit: 'cover' })
        .png({ compressionLevel: 1 })
        .toBuffer()
    )
  )
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length] ?? Buffer.alloc(0)
    // Offsets walk across the enlarged photo so no two photos are the same pixels.
    const step = Math.floor(i / sources.length)
    const left = (step * 97) % width
    const top = (step * 61) % height
    const path = resolve(folder, `photo-${String(i + 1).padStart(2, '0')}.jpg`)
    await sharp(source).extract({ left, top, width, height }).jpeg({ quality: 92 }).toFile(path)
    paths.push(path)
  }
  return paths
}
