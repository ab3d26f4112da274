import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportFormats } from '../../../shared/domain/document'
import type { LucidError } from '../../../shared/ipc/errors'
import {
  cameraJpeg,
  sixteenBitSamples,
  storedSamples,
  tempDir,
  writeFixture
} from '../../testing/images'
import type { RawImage } from '../raw-image'
import { iccProfileName, srgbProfile } from './icc-profile'
import type { LoadedImage } from './load-image'
import { loadImage } from './load-image'
import type { ExportOptions } from './save-image'
import { encodeForExport, saveImage } from './save-image'

let dir: string
let camera: LoadedImage
let p3: LoadedImage
let p3File: Buffer

const orange = { r: 200, g: 80, b: 40 }
const plain = { colourProfile: 'srgb', keepMetadata: false } as const

beforeAll(async () => {
  dir = await tempDir('lucid-save-')
  camera = await loadImage(await writeFixture(dir, 'camera.jpg', await cameraJpeg()))
  p3File = await sharp({ create: { width: 4, height: 4, channels: 3, background: orange } })
    .withIccProfile('p3')
    .png()
    .toBuffer()
  p3 = await loadImage(await writeFixture(dir, 'p3.png', p3File))
})

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as LucidError
  )
  expect(error.name).toBe('LucidError')
  return error.code
}

function image16(width: number, height: number): RawImage {
  return { data: sixteenBitSamples(width, height, 3), width, height, channels: 3, bitDepth: 16 }
}

function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let largest = 0
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!))
  return largest
}

describe('encodeForExport: bit depth', () => {
  it.each(['png', 'tiff'] as const)('writes 16-bit %s with every sample exact', async (format) => {
    const image = image16(7, 5)
    const file = await encodeForExport(image, { format, ...plain })
    expect((await sharp(file).metadata()).depth).toBe('ushort')
    expect(Array.from((await storedSamples(file, 16)).data)).toEqual(Array.from(image.data))
    const path = await writeFixture(dir, `round-trip.${format}`, file)
    expect(Array.from((await loadImage(path)).image.data)).toEqual(Array.from(image.data))
  })

  it('writes 8 bits where asked or where the format has no more, and widens 8 bits to 16', async () => {
    const image = image16(7, 5)
    const narrowed = await encodeForExport(image, { format: 'png', bitDepth: 8, ...plain })
    const eight = (await storedSamples(narrowed, 8)).data
    expect(
      largestDifference(
        eight,
        Array.from(image.data, (v) => v / 256)
      )
    ).toBeLessThanOrEqual(1)
    expect(
      (await sharp(await encodeForExport(image, { format: 'webp', ...plain })).metadata()).depth
    ).toBe('uchar')

    const small: RawImage = { ...image, data: Uint8Array.from(eight), bitDepth: 8 }
    expect(
      (await sharp(await encodeForExport(small, { format: 'png', ...plain })).metadata()).depth
    ).toBe('uchar')
    const widened = await encodeForExport(small, { format: 'tiff', bitDepth: 16, ...plain })
    expect(Array.from((await storedSamples(widened, 16)).data)).toEqual(
      Array.from(eight, (v) => v * 257)
    )
  })

  it('refuses bad options with INVALID_ARGUMENT', async () => {
    const image = image16(2, 2)
    const bad: Partial<ExportOptions>[] = [
      { format: 'jpeg', bitDepth: 16 },
      { format: 'avif', bitDepth: 16 },
      { format: 'png', bitDepth: 12 as 16 },
      { format: 'jpeg', quality: 0 },
      { format: 'webp', quality: 101 },
      { format: 'avif', quality: 2.5 },
      { format: 'bmp' as 'png' }
    ]
    for (const options of bad) {
      const code = await errorCodeOf(
        encodeForExport(image, { format: 'png', ...plain, ...options })
      )
      expect([options, code]).toEqual([options, 'INVALID_ARGUMENT'])
    }
  })

  it('passes the quality on to the lossy encoders', async () => {
    const { image } = camera
    const low = await encodeForExport(image, { format: 'jpeg', quality: 10, ...plain })
    const high = await encodeForExport(image, { format: 'jpeg', quality: 98, ...plain })
    expect(low.length).toBeLessThan(high.length)
  })
})

describe('encodeForExport: colour profiles', () => {
  it.each(exportFormats)(
    "'original' converts %s back to the source's profile and embeds it",
    async (format) => {
      const file = await encodeForExport(p3.image, {
        format,
        colourProfile: 'original',
        keepMetadata: false,
        source: p3.source
      })
      expect((await sharp(file).metadata()).icc).toEqual(p3.source.icc)
      // The stored numbers are P3 ones again, close to the original file's.
      const lossy = format === 'png' || format === 'tiff' ? 2 : 6
      const stored = (await storedSamples(file, 8)).data
      const original = (await storedSamples(p3File, 8)).data
      expect(largestDifference(stored.subarray(0, 3), original.subarray(0, 3))).toBeLessThanOrEqual(
        lossy
      )
    }
  )

  it("'original' converts 16-bit pixels too, from sRGB (not sharp's 16-bit P3)", async () => {
    const file16 = await sharp({ create: { width: 4, height: 4, channels: 3, background: orange } })
      .toColourspace('rgb16')
      .withIccProfile('p3')
      .png()
      .toBuffer()
    const source = await loadImage(await writeFixture(dir, 'p3-16.png', file16))
    const file = await encodeForExport(source.image, {
      format: 'png',
      colourProfile: 'original',
      keepMetadata: false,
      source: source.source
    })
    expect((await sharp(file).metadata()).depth).toBe('ushort')
    expect((await sharp(file).metadata()).icc).toEqual(source.source.icc)
    const stored = (await storedSamples(file, 16)).data
    const original = (await storedSamples(file16, 16)).data
    // Two profile conversions at 16 bits: within 0.1% (a P3 detour would cost up to 3%).
    expect(largestDifference(stored, original)).toBeLessThan(66)
  })

  it("'original' gives a 16-bit sRGB file back its own samples, shadows included", async () => {
    const image = image16(64, 4)
    const file = await encodeForExport(image, { format: 'png', ...plain })
    const loaded = await loadImage(await writeFixture(dir, 'srgb-16.png', file))
    const again = await encodeForExport(loaded.image, {
      format: 'png',
      colourProfile: 'original',
      keepMetadata: false,
      source: loaded.source
    })
    // sRGB → sRGB in one step is exact; through sharp's 16-bit P3 it would be off by ~2000.
    expect(largestDifference((await storedSamples(again, 16)).data, image.data)).toBeLessThan(4)
  })

  it("'srgb' embeds sRGB and keeps the pixels as they are", async () => {
    const file = await encodeForExport(p3.image, {
      format: 'png',
      colourProfile: 'srgb',
      keepMetadata: false,
      source: p3.source
    })
    const { icc } = await sharp(file).metadata()
    expect(icc).toEqual(await srgbProfile())
    expect(iccProfileName(icc!)).toMatch(/sRGB/)
    expect(Array.from((await storedSamples(file, 8)).data)).toEqual(Array.from(p3.image.data))
  })

  it("'original' embeds sRGB for a source without a profile or with a CMYK one", async () => {
    const cmykFile = await sharp({
      create: { width: 1, height: 1, channels: 3, background: '#000' }
    })
      .withIccProfile('cmyk')
      .jpeg()
      .toBuffer()
    const cmyk = (await sharp(cmykFile).metadata()).icc
    for (const icc of [undefined, cmyk]) {
      const file = await encodeForExport(p3.image, {
        format: 'jpeg',
        colourProfile: 'original',
        keepMetadata: false,
        source: { ...p3.source, icc }
      })
      const meta = await sharp(file).metadata()
      expect([meta.space, meta.icc]).toEqual(['srgb', await srgbProfile()])
    }
  })
})

describe('encodeForExport: alpha', () => {
  const rgba: RawImage = {
    data: Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => (i % 4 === 3 ? (i < 32 ? 0 : 128) : 90)),
    width: 4,
    height: 4,
    channels: 4,
    bitDepth: 8
  }

  it.each(['png', 'webp', 'tiff', 'avif'] as const)('%s keeps alpha', async (format) => {
    const file = await encodeForExport(rgba, { format, quality: 100, ...plain })
    const { image } = await loadImage(await writeFixture(dir, `alpha.${format}`, file))
    expect(image.channels).toBe(4)
    const alpha = Array.from(image.data).filter((_, i) => i % 4 === 3)
    expect(
      largestDifference(
        alpha,
        Array.from(rgba.data).filter((_, i) => i % 4 === 3)
      )
    ).toBeLessThanOrEqual(2)
  })

  it('JPEG, which has no alpha, flattens transparency onto white', async () => {
    const file = await encodeForExport(rgba, { format: 'jpeg', quality: 100, ...plain })
    const { data, channels } = await storedSamples(file, 8)
    expect(channels).toBe(3)
    expect(Math.min(...Array.from(data.subarray(0, 3)))).toBeGreaterThan(250)
  })
})

describe('saveImage', () => {
  it('writes the file and says what it wrote', async () => {
    const target = join(dir, 'saved.png')
    const result = await saveImage(camera.image, target, {
      format: 'png',
      ...plain,
      source: camera.source
    })
    expect(result).toEqual({
      path: target,
      format: 'png',
      width: 20,
      height: 40,
      bytes: (await stat(target)).size
    })
  })

  it('never writes over its source, however the target is spelled', async () => {
    const before = await readFile(camera.source.path)
    const spelled = `${dir}/./camera.jpg`
    const code = await errorCodeOf(
      saveImage(camera.image, spelled, {
        format: 'jpeg',
        ...plain,
        source: camera.source,
        overwrite: true
      })
    )
    expect(code).toBe('WOULD_OVERWRITE_ORIGINAL')
    expect(await readFile(camera.source.path)).toEqual(before)
  })

  it('leaves no file behind when encoding or writing fails', async () => {
    const folder = join(dir, 'failures')
    await mkdir(join(folder, 'occupied.png'), { recursive: true })
    const wide: RawImage = {
      data: new Uint8Array(16_384 * 3),
      width: 16_384,
      height: 1,
      channels: 3,
      bitDepth: 8
    }
    expect(
      await errorCodeOf(saveImage(wide, join(folder, 'wide.webp'), { format: 'webp', ...plain }))
    ).toBe('IMAGE_TOO_LARGE')
    // The rename onto a folder fails after the temporary file was written.
    const occupied = join(folder, 'occupied.png')
    expect(
      await errorCodeOf(
        saveImage(camera.image, occupied, { format: 'png', ...plain, overwrite: true })
      )
    ).toBe('WRITE_FAILED')
    expect(
      await errorCodeOf(
        saveImage(camera.image, join(folder, 'no', 'dir.png'), { format: 'png', ...plain })
      )
    ).toBe('WRITE_FAILED')
    expect(await readdir(folder)).toEqual(['occupied.png'])
    expect(await readdir(occupied)).toEqual([])
  })

  it('removes the profile file it lends sharp', async () => {
    const scratch = await tempDir('lucid-tmp-')
    const previous = process.env.TMPDIR
    process.env.TMPDIR = scratch
    try {
      expect(tmpdir()).toBe(scratch) // where save-image makes its profile folder
      await saveImage(p3.image, join(dir, 'p3-out.jpg'), {
        format: 'jpeg',
        colourProfile: 'original',
        keepMetadata: false,
        source: p3.source
      })
      expect(await readdir(scratch)).toEqual([])
    } finally {
      if (previous === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previous
    }
  })
})
