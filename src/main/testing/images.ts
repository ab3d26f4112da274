import { deflateSync } from 'node:zlib'
import { rmSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import exifReader from 'exif-reader'
import type { Sharp } from 'sharp'
import sharp from 'sharp'

/** Test images made on the fly, including hostile ones. Used by unit and e2e tests. */

const tempDirs = new Set<string>()

/**
 * A fresh temporary folder, removed by removeTempDirs (after each test file: see
 * vitest.setup.ts) or at the latest when the process exits, so test photos do not pile up in
 * /tmp run after run.
 */
export async function tempDir(prefix = 'lucid-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  if (tempDirs.size === 0) process.once('exit', removeTempDirs)
  tempDirs.add(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const path of tempDirs) rmSync(path, { recursive: true, force: true })
  tempDirs.clear()
}

/**
 * A low-contrast RGB photo stand-in: smooth gradients and a few shapes, all channel values
 * inside [low, high] so auto-levels has something to stretch.
 */
export function lowContrastImage(width = 96, height = 64, low = 70, high = 170): Sharp {
  const data = Buffer.alloc(width * height * 3)
  const span = high - low
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const inDisc = (x - width / 3) ** 2 + (y - height / 2) ** 2 < (height / 4) ** 2
      data[i] = low + Math.round((span * x) / (width - 1))
      data[i + 1] = low + Math.round((span * y) / (height - 1))
      data[i + 2] = inDisc ? high : low + Math.round(span / 3)
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
}

export async function writeLowContrastPng(
  dir: string,
  name = 'photo.png',
  width = 96,
  height = 64
): Promise<string> {
  const path = join(dir, name)
  await lowContrastImage(width, height).png().toFile(path)
  return path
}

/** A JPEG cut off half-way through its pixel data. */
export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await lowContrastImage(256, 256).jpeg({ quality: 95 }).toBuffer()
  return jpeg.subarray(0, Math.floor(jpeg.length / 2))
}

/**
 * A tiny PNG whose header claims `width`×`height` pixels: a decompression bomb as far as any
 * decoder that trusts the header is concerned. The pixel data is a few bytes of zeros.
 */
export function pngBomb(width = 60_000, height = 60_000): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** A two-frame animated GIF. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (background: string): Promise<Buffer> =>
    sharp({ create: { width: 16, height: 16, channels: 3, background } })
      .png()
      .toBuffer()
  return sharp([await frame('red'), await frame('blue')], { join: { animated: true } })
    .gif()
    .toBuffer()
}

/** A two-frame animated WebP. */
export async function animatedWebp(): Promise<Buffer> {
  const frame = (background: string): Promise<Buffer> =>
    sharp({ create: { width: 16, height: 16, channels: 3, background } })
      .png()
      .toBuffer()
  return sharp([await frame('red'), await frame('blue')], { join: { animated: true } })
    .webp()
    .toBuffer()
}

/**
 * 16-bit samples that an 8-bit path cannot keep: every value is distinct, most are above 255
 * and none is a multiple of 257 (which is how 8-bit values widen to 16 bits).
 */
export function sixteenBitSamples(width: number, height: number, channels: number): Uint16Array {
  const data = new Uint16Array(width * height * channels)
  for (let i = 0; i < data.length; i++) {
    const value = (300 + i * 4099) % 65536
    data[i] = value % 257 === 0 ? value + 1 : value
  }
  return data
}

/** A 16-bit PNG or TIFF (LZW) holding exactly `data`, with no colour profile. */
export async function encodeSixteenBit(
  data: Uint16Array,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  format: 'png' | 'tiff'
): Promise<Buffer> {
  const pipeline = sharp(data, { raw: { width, height, channels } }).toColourspace(
    channels <= 2 ? 'grey16' : 'rgb16'
  )
  return format === 'png'
    ? pipeline.png().toBuffer()
    : pipeline.tiff({ compression: 'lzw' }).toBuffer()
}

/** An image's samples exactly as stored: no profile conversion, no depth change. */
export async function storedSamples(
  input: string | Buffer,
  bitDepth: 8 | 16
): Promise<{ data: Uint8Array | Uint16Array; channels: number }> {
  const pipeline = sharp(input, { ignoreIcc: true })
  const { data, info } = await (
    bitDepth === 16 ? pipeline.toColourspace('rgb16').raw({ depth: 'ushort' }) : pipeline.raw()
  ).toBuffer({ resolveWithObject: true })
  const samples =
    bitDepth === 16 ? new Uint16Array(Uint8Array.prototype.slice.call(data).buffer) : data
  return { data: samples, channels: info.channels }
}

/** The EXIF tags an image carries, or undefined when it has no EXIF. */
export async function exifTags(input: string | Buffer): Promise<exifReader.Exif | undefined> {
  const { exif } = await sharp(input).metadata()
  return exif ? exifReader(exif) : undefined
}

export const testXmp = [
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"',
  ' xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6">',
  '<dc:creator><rdf:Seq><rdf:li>Ada Lovelace</rdf:li></rdf:Seq></dc:creator>',
  '</rdf:Description></rdf:RDF></x:xmpmeta>'
].join('')

/**
 * A camera-like JPEG: 40×20 pixels, left half red and right half blue, stored sideways with
 * EXIF Orientation 6 (display turned 90° clockwise), camera make and model, a GPS position and
 * an XMP packet (`testXmp`: creator "Ada Lovelace", tiff:Orientation 6).
 */
export async function cameraJpeg(): Promise<Buffer> {
  const halves = Buffer.alloc(40 * 20 * 3)
  for (let i = 0; i < 40 * 20; i++) {
    const left = i % 40 < 20
    halves[i * 3] = left ? 220 : 20
    halves[i * 3 + 2] = left ? 20 : 220
  }
  return sharp(halves, { raw: { width: 40, height: 20, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'Lucid Optics', Model: 'Test Camera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3230/100' }
    })
    .withXmp(testXmp)
    .toBuffer()
}

export async function writeFixture(
  dir: string,
  name: string,
  data: Buffer | string
): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, data)
  return path
}

/** Per-channel min and max of an image. */
export async function channelRange(
  input: string | Buffer
): Promise<{ min: number; max: number }[]> {
  const stats = await sharp(input).stats()
  return stats.channels.map((c) => ({ min: c.min, max: c.max }))
}

/** Peak signal-to-noise ratio in dB between two same-sized images (8-bit); Infinity if equal. */
export async function psnr(a: string | Buffer, b: string | Buffer): Promise<number> {
  const [x, y] = await Promise.all(
    [a, b].map((input) => sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true }))
  )
  if (!x || !y || x.info.width !== y.info.width || x.info.height !== y.info.height) {
    throw new Error('psnr: images differ in size')
  }
  let sum = 0
  for (let i = 0; i < x.data.length; i++) sum += ((x.data[i] ?? 0) - (y.data[i] ?? 0)) ** 2
  const mse = sum / x.data.length
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse)
}
