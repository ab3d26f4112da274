import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import { testXmp } from '../images'
import type { SeedImage } from './mutators'

/**
 * The valid images the fuzzer damages: two real photos (the upscaler packages' test fixtures)
 * and small images in every format and layout sharp reads for us (baseline and progressive
 * JPEG, 16-bit and palette PNG, each WebP bitstream, tiled and striped TIFF, AVIF, GIF), each
 * at most 128 px a side so a case runs in milliseconds. Metadata and profiles are included so
 * the damage also reaches the EXIF, XMP and ICC readers.
 */

/** Real photos shipped in node_modules, relative to the repository root. */
const photoPaths = {
  png: 'node_modules/@upscalerjs/esrgan-slim/assets/fixture.png',
  jpeg: 'node_modules/@upscalerjs/maxim-denoising/assets/fixture.png'
} as const

/**
 * Encodes the seed images. Deterministic for one build of sharp.
 *
 * @param repoRoot where node_modules is (the real photos); when they are missing the photo
 *   seeds fall back to a generated gradient so the fuzzer still runs
 */
export async function makeSeedImages(repoRoot: string): Promise<SeedImage[]> {
  const realPng = await readFile(join(repoRoot, photoPaths.png)).catch(() => undefined)
  const realJpegSource = await readFile(join(repoRoot, photoPaths.jpeg)).catch(() => undefined)
  const photo = (side: number): Sharp =>
    (realJpegSource ? sharp(realJpegSource) : gradient(128, 128)).resize(side, side)

  const seeds: [string, Promise<Buffer>][] = [
    ['photo.png', realPng ? Promise.resolve(realPng) : gradient(96, 64).png().toBuffer()],
    [
      'photo.jpg',
      photo(96)
        .jpeg({ quality: 85 })
        .withMetadata({ orientation: 6 })
        .withExifMerge({ IFD0: { Make: 'Lucid Optics', Model: 'Fuzz' } })
        .withXmp(testXmp)
        .toBuffer()
    ],
    [
      'progressive.jpg',
      photo(64).withIccProfile('p3').jpeg({ quality: 80, progressive: true }).toBuffer()
    ],
    ['grey16-alpha.png', grey16Alpha(48, 32)],
    ['palette.png', photo(64).png({ palette: true, colours: 16, progressive: true }).toBuffer()],
    ['lossy.webp', photo(64).webp({ quality: 70 }).toBuffer()],
    ['lossless.webp', photo(48).webp({ lossless: true }).toBuffer()],
    [
      'alpha-exif.webp',
      photo(48)
        .ensureAlpha(0.5)
        .webp({ quality: 70 })
        .withExifMerge({ IFD0: { Make: 'Lucid Optics' } })
        .toBuffer()
    ],
    [
      'lzw-tiled.tif',
      photo(64)
        .ensureAlpha(0.8)
        .tiff({
          compression: 'lzw',
          predictor: 'horizontal',
          tile: true,
          tileWidth: 32,
          tileHeight: 32
        })
        .toBuffer()
    ],
    [
      'deflate16.tif',
      photo(48)
        .toColourspace('rgb16')
        .withIccProfile('p3')
        .tiff({ compression: 'deflate' })
        .toBuffer()
    ],
    ['jpeg-in.tif', photo(64).tiff({ compression: 'jpeg', quality: 70 }).toBuffer()],
    ['photo.avif', photo(48).avif({ quality: 50, effort: 0 }).toBuffer()],
    ['photo.gif', photo(64).gif({ colours: 32 }).toBuffer()]
  ]
  return Promise.all(seeds.map(async ([name, bytes]) => ({ name, bytes: await bytes })))
}

function gradient(width: number, height: number): Sharp {
  const data = Buffer.alloc(width * height * 3)
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = (i % width) * 2
    data[i * 3 + 1] = Math.floor(i / width) * 3
    data[i * 3 + 2] = 128
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
}

function grey16Alpha(width: number, height: number): Promise<Buffer> {
  const data = new Uint16Array(width * height * 2)
  for (let i = 0; i < width * height; i++) {
    data[i * 2] = (i * 1031) % 65536
    data[i * 2 + 1] = 65535 - (i % width) * 900
  }
  return sharp(data, { raw: { width, height, channels: 2 } })
    .toColourspace('grey16')
    .png()
    .toBuffer()
}
