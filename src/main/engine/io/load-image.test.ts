import { join } from 'node:path'
import exifReader from 'exif-reader'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LucidError } from '../../../shared/ipc/errors'
import {
  animatedGif,
  animatedWebp,
  cameraJpeg,
  encodeSixteenBit,
  pngBomb,
  sixteenBitSamples,
  storedSamples,
  tempDir,
  truncatedJpeg,
  writeFixture
} from '../../testing/images'
import type { RawImage } from '../raw-image'
import { loadImage } from './load-image'

let dir: string

beforeAll(async () => {
  dir = await tempDir('lucid-load-')
})

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as LucidError
  )
  expect(error.name).toBe('LucidError')
  expect(error.message.length).toBeGreaterThan(10)
  return error.code
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const at = (y * image.width + x) * image.channels
  return Array.from(image.data.subarray(at, at + image.channels))
}

/** sRGB orange, inside the sRGB gamut so it survives a round trip through Display P3. */
const orange = { r: 200, g: 80, b: 40 }

describe('loadImage: orientation and metadata', () => {
  it('turns an EXIF-rotated JPEG upright, swapping its dimensions, and keeps EXIF and XMP', async () => {
    const path = await writeFixture(dir, 'camera.jpg', await cameraJpeg())
    const { image, source } = await loadImage(path)
    expect([image.width, image.height, image.channels, image.bitDepth]).toEqual([20, 40, 3, 8])
    // Stored left half red, right half blue; turned 90° clockwise the red half is on top.
    const [r1, , b1] = pixel(image, 10, 5)
    const [r2, , b2] = pixel(image, 10, 35)
    expect(r1).toBeGreaterThan(180)
    expect(b1).toBeLessThan(60)
    expect(b2).toBeGreaterThan(180)
    expect(r2).toBeLessThan(60)
    expect(source).toMatchObject({ format: 'jpeg', width: 20, height: 40, orientation: 6 })
    expect(source.path).toBe(path)
    // The EXIF is the file's own, Orientation included: only export resets it.
    const exif = exifReader(source.exif!)
    expect(exif.Image?.Make).toBe('Lucid Optics')
    expect(exif.Image?.Orientation).toBe(6)
    expect(exif.GPSInfo?.GPSLatitudeRef).toBe('N')
    expect(source.xmp?.toString('utf8')).toContain('Ada Lovelace')
  })

  it('reports a file without profile or metadata as such', async () => {
    const path = join(dir, 'plain.png')
    await sharp({ create: { width: 3, height: 2, channels: 3, background: orange } })
      .png()
      .toFile(path)
    const { source } = await loadImage(path)
    expect(source).toMatchObject({ format: 'png', bitDepth: 8, hasAlpha: false, orientation: 1 })
    expect(source.icc ?? source.exif ?? source.xmp).toBeUndefined()
  })
})

describe('loadImage: colour profiles', () => {
  it('converts an 8-bit Display P3 image to sRGB and keeps the P3 profile', async () => {
    const file = await sharp({ create: { width: 4, height: 4, channels: 3, background: orange } })
      .withIccProfile('p3')
      .png()
      .toBuffer()
    const path = await writeFixture(dir, 'p3.png', file)
    const stored = Array.from((await storedSamples(file, 8)).data.subarray(0, 3))
    // The file holds P3 numbers, visibly different from the sRGB ones…
    expect(Math.abs((stored[0] ?? 0) - orange.r)).toBeGreaterThan(8)
    const { image, source } = await loadImage(path)
    // …and loading brings them back to sRGB.
    const [r, g, b] = pixel(image, 1, 1)
    expect(Math.abs(r! - orange.r)).toBeLessThanOrEqual(2)
    expect(Math.abs(g! - orange.g)).toBeLessThanOrEqual(2)
    expect(Math.abs(b! - orange.b)).toBeLessThanOrEqual(2)
    expect(source.icc).toEqual((await sharp(file).metadata()).icc)
    expect(source.iccName).toMatch(/P3/)
  })

  it('converts a 16-bit Display P3 image to 16-bit sRGB, not to sharp’s 16-bit P3', async () => {
    // An 8-bit sRGB source widened to 16 bits, then converted to P3 (sharp's processing space
    // is sRGB for 8-bit input, so this conversion is a real one).
    const file = await sharp({ create: { width: 4, height: 4, channels: 3, background: orange } })
      .toColourspace('rgb16')
      .withIccProfile('p3')
      .png()
      .toBuffer()
    const stored = (await storedSamples(file, 16)).data
    expect(Math.abs((stored[0] ?? 0) - orange.r * 257)).toBeGreaterThan(2000)
    expect((await sharp(file).metadata()).depth).toBe('ushort')
    const { image } = await loadImage(await writeFixture(dir, 'p3-16.png', file))
    expect(image.bitDepth).toBe(16)
    expect(image.data).toBeInstanceOf(Uint16Array)
    const [r, g, b] = pixel(image, 2, 2)
    // sharp's own 16-bit pipeline would leave P3 numbers here (off by thousands).
    expect(Math.abs(r! - orange.r * 257)).toBeLessThan(400)
    expect(Math.abs(g! - orange.g * 257)).toBeLessThan(400)
    expect(Math.abs(b! - orange.b * 257)).toBeLessThan(400)
  })
})

describe('loadImage: CMYK', () => {
  it('converts a CMYK JPEG to RGB through its profile and keeps that profile', async () => {
    const file = await sharp({ create: { width: 4, height: 4, channels: 3, background: orange } })
      .withIccProfile('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer()
    expect((await sharp(file).metadata()).space).toBe('cmyk')
    const { image, source } = await loadImage(await writeFixture(dir, 'cmyk.jpg', file))
    expect([image.channels, image.bitDepth]).toEqual([3, 8])
    const [r, g, b] = pixel(image, 1, 1)
    // Print gamut is narrower than sRGB: the orange comes back orange, not exact.
    expect(Math.abs(r! - orange.r)).toBeLessThan(12)
    expect(Math.abs(g! - orange.g)).toBeLessThan(12)
    expect(b!).toBeLessThan(g!)
    expect(source.iccName).toBe('Chemical proof')
  })
})

describe('loadImage: depth and channels', () => {
  it.each(['png', 'tiff'] as const)('keeps 16-bit %s samples exactly', async (format) => {
    const data = sixteenBitSamples(5, 3, 3)
    const path = await writeFixture(
      dir,
      `deep.${format}`,
      await encodeSixteenBit(data, 5, 3, 3, format)
    )
    const { image, source } = await loadImage(path)
    expect([image.bitDepth, image.channels, source.bitDepth]).toEqual([16, 3, 16])
    expect(Array.from(image.data)).toEqual(Array.from(data))
  })

  it('decodes 16-bit files to 8 bits when asked (v / 256)', async () => {
    const data = sixteenBitSamples(5, 3, 3)
    const path = await writeFixture(dir, 'deep8.png', await encodeSixteenBit(data, 5, 3, 3, 'png'))
    const { image } = await loadImage(path, { maxBitDepth: 8 })
    expect(image.bitDepth).toBe(8)
    expect(image.data).toBeInstanceOf(Uint8Array)
    const widest = Math.max(...Array.from(image.data, (v, i) => Math.abs(v - data[i]! / 256)))
    expect(widest).toBeLessThanOrEqual(1)
  })

  it('keeps alpha and expands 16-bit grey+alpha to RGBA', async () => {
    const grey = sixteenBitSamples(4, 2, 2)
    const path = await writeFixture(dir, 'ga16.png', await encodeSixteenBit(grey, 4, 2, 2, 'png'))
    const { image, source } = await loadImage(path)
    expect([image.channels, image.bitDepth, source.hasAlpha]).toEqual([4, 16, true])
    for (let p = 0; p < 8; p++) {
      const [r, g, b, a] = pixel(image, p % 4, Math.floor(p / 4))
      expect([r, g, b, a]).toEqual([grey[p * 2], grey[p * 2], grey[p * 2], grey[p * 2 + 1]])
    }
  })

  it('keeps 8-bit alpha and expands plain grey to RGB', async () => {
    const rgba = join(dir, 'alpha.webp')
    await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } }
    })
      .webp({ lossless: true })
      .toFile(rgba)
    const loaded = await loadImage(rgba)
    expect(loaded.image.channels).toBe(4)
    expect(pixel(loaded.image, 3, 3)).toEqual([10, 20, 30, 128])

    const grey = join(dir, 'grey.png')
    await sharp(Buffer.from([0, 90, 180, 255]), { raw: { width: 2, height: 2, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toFile(grey)
    expect((await sharp(grey).metadata()).channels).toBe(1)
    const { image } = await loadImage(grey)
    expect(image.channels).toBe(3)
    expect(pixel(image, 1, 0)).toEqual([90, 90, 90])
  })

  it.each([
    // libvips decodes every GIF with an alpha band (GIF has a transparent colour).
    ['gif', 4, (s: Sharp) => s.gif()],
    ['avif', 3, (s: Sharp) => s.avif({ quality: 90 })],
    ['tiff', 3, (s: Sharp) => s.tiff()]
  ] as const)('reads a still %s', async (format, channels, encode) => {
    const file = await encode(
      sharp({ create: { width: 6, height: 4, channels: 3, background: '#ff0000' } })
    ).toBuffer()
    const { image, source } = await loadImage(await writeFixture(dir, `still.${format}`, file))
    expect(source.format).toBe(format)
    expect([image.width, image.height, image.channels]).toEqual([6, 4, channels])
    expect(pixel(image, 2, 2)[0]).toBeGreaterThan(240)
  })
})

describe('loadImage: bad input', () => {
  it('refuses truncated, damaged, empty, huge-header, animated and missing files with typed errors', async () => {
    const deep = await encodeSixteenBit(sixteenBitSamples(64, 64, 3), 64, 64, 3, 'png')
    const cases: [string, Buffer | string | null, string][] = [
      ['truncated.jpg', await truncatedJpeg(), 'CORRUPT_IMAGE'],
      ['truncated16.png', deep.subarray(0, deep.length - 300), 'CORRUPT_IMAGE'],
      ['notes.png', 'plain text, not pixels', 'UNSUPPORTED_FORMAT'],
      ['empty.jpg', '', 'CORRUPT_IMAGE'],
      ['bomb.png', pngBomb(), 'IMAGE_TOO_LARGE'],
      ['anim.gif', await animatedGif(), 'UNSUPPORTED_FORMAT'],
      ['anim.webp', await animatedWebp(), 'UNSUPPORTED_FORMAT'],
      ['missing.png', null, 'FILE_NOT_FOUND']
    ]
    for (const [name, content, code] of cases) {
      const path = content === null ? join(dir, name) : await writeFixture(dir, name, content)
      expect([name, await errorCodeOf(loadImage(path))]).toEqual([name, code])
    }
  })
})
