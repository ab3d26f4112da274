import { crc32 } from 'node:zlib'

/**
 * "Lying headers": each format's dimension fields rewritten to sizes the pixel data does not
 * have, the way a decompression bomb or a damaged header would claim them. Checksums that
 * guard the fields (PNG's chunk CRC) are recomputed, so the lie reaches the decoder instead
 * of being rejected for a bad checksum.
 */

export interface Size {
  readonly width: number
  readonly height: number
}

/**
 * Rewrites the dimensions an image's header declares, clamping each to what its field can
 * hold (16 bits for JPEG and GIF, 14 for WebP's VP8/VP8L…). Returns a copy.
 *
 * @param pickField chooses among several size fields (GIF screen or frame, WebP canvas or
 *   bitstream); index in [0, count)
 * @returns undefined when the bytes are not a format with known size fields (or those fields
 *   could not be found)
 */
export function withLyingSize(
  bytes: Buffer,
  size: Size,
  pickField: (count: number) => number
): Buffer | undefined {
  const out = Buffer.from(bytes)
  if (isPng(out)) return lyingPng(out, size)
  if (out[0] === 0xff && out[1] === 0xd8) return lyingJpeg(out, size)
  if (out.toString('latin1', 0, 4) === 'GIF8') return lyingGif(out, size, pickField)
  if (out.toString('latin1', 0, 4) === 'RIFF' && out.toString('latin1', 8, 12) === 'WEBP') {
    return lyingWebp(out, size, pickField)
  }
  const order = out.toString('latin1', 0, 2)
  if (order === 'II' || order === 'MM') return lyingTiff(out, size, order === 'II')
  if (out.toString('latin1', 4, 8) === 'ftyp') return lyingIsobmff(out, size)
  return undefined
}

function isPng(bytes: Buffer): boolean {
  return bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR'
}

/** PNG: IHDR's 31-bit width and height, and the chunk's CRC recomputed. */
function lyingPng(out: Buffer, size: Size): Buffer {
  out.writeUInt32BE(clamp(size.width, 2 ** 31 - 1), 16)
  out.writeUInt32BE(clamp(size.height, 2 ** 31 - 1), 20)
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29)
  return out
}

/** JPEG: every start-of-frame segment's 16-bit height and width (SOF0, SOF2 and the rest). */
function lyingJpeg(out: Buffer, size: Size): Buffer | undefined {
  let found = false
  let at = 2
  while (at + 4 <= out.length && out[at] === 0xff) {
    const marker = out[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker === 0xda) break // start of scan: the headers are over
    const length = out.readUInt16BE(at + 2)
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isStartOfFrame && at + 9 <= out.length) {
      out.writeUInt16BE(clamp(size.height, 0xffff), at + 5)
      out.writeUInt16BE(clamp(size.width, 0xffff), at + 7)
      found = true
    }
    at += 2 + length
  }
  return found ? out : undefined
}

/** GIF: the logical screen (16-bit, little-endian) or the first frame's descriptor, or both. */
function lyingGif(out: Buffer, size: Size, pickField: (count: number) => number): Buffer {
  const fields = [6, gifFrameDescriptor(out)].filter((at): at is number => at !== undefined)
  const choice = pickField(fields.length + 1)
  const targets = choice === fields.length ? fields : [fields[choice] ?? 6]
  for (const at of targets) {
    out.writeUInt16LE(clamp(size.width, 0xffff), at)
    out.writeUInt16LE(clamp(size.height, 0xffff), at + 2)
  }
  return out
}

/** Where the first image descriptor's width field is, after the colour table and extensions. */
function gifFrameDescriptor(bytes: Buffer): number | undefined {
  const flags = bytes[10] ?? 0
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0)
  while (at < bytes.length) {
    if (bytes[at] === 0x2c) return at + 5 <= bytes.length - 4 ? at + 5 : undefined
    if (bytes[at] !== 0x21) return undefined
    at += 2 // introducer and label, then sub-blocks until an empty one
    while (at < bytes.length && bytes[at] !== 0) at += (bytes[at] ?? 0) + 1
    at += 1
  }
  return undefined
}

/** WebP: VP8X's 24-bit canvas, VP8's 14-bit frame size, VP8L's 14-bit size, as present. */
function lyingWebp(
  out: Buffer,
  size: Size,
  pickField: (count: number) => number
): Buffer | undefined {
  const writers: ((buffer: Buffer) => void)[] = []
  for (let at = 12; at + 8 <= out.length; at += 8 + roundUpEven(out.readUInt32LE(at + 4))) {
    const data = at + 8
    switch (out.toString('latin1', at, at + 4)) {
      case 'VP8X':
        writers.push((b) => {
          b.writeUIntLE(minusOne(size.width, 2 ** 24), data + 4, 3)
          b.writeUIntLE(minusOne(size.height, 2 ** 24), data + 7, 3)
        })
        break
      case 'VP8 ':
        writers.push((b) => {
          // 14 bits of size, 2 bits of upscaling hint (kept).
          b.writeUInt16LE((b.readUInt16LE(data + 6) & 0xc000) | clamp(size.width, 0x3fff), data + 6)
          b.writeUInt16LE(
            (b.readUInt16LE(data + 8) & 0xc000) | clamp(size.height, 0x3fff),
            data + 8
          )
        })
        break
      case 'VP8L':
        writers.push((b) => {
          const packed = b.readUInt32LE(data + 1)
          const width = minusOne(size.width, 0x4000)
          const height = minusOne(size.height, 0x4000)
          const rest = (packed & 0xf0000000) >>> 0
          b.writeUInt32LE((rest | (height << 14) | width) >>> 0, data + 1)
        })
        break
    }
  }
  if (writers.length === 0) return undefined
  const choice = pickField(writers.length + 1)
  for (const write of choice === writers.length ? writers : [writers[choice]]) write?.(out)
  return out
}

const TIFF_IMAGE_WIDTH = 256
const TIFF_IMAGE_LENGTH = 257
const TIFF_LONG = 4

/** TIFF: IFD0's ImageWidth and ImageLength, rewritten as LONGs so they can exceed 65535. */
function lyingTiff(out: Buffer, size: Size, little: boolean): Buffer | undefined {
  const u16 = (at: number): number => (little ? out.readUInt16LE(at) : out.readUInt16BE(at))
  const u32 = (at: number): number => (little ? out.readUInt32LE(at) : out.readUInt32BE(at))
  const w16 = (value: number, at: number): number =>
    little ? out.writeUInt16LE(value, at) : out.writeUInt16BE(value, at)
  const w32 = (value: number, at: number): number =>
    little ? out.writeUInt32LE(value, at) : out.writeUInt32BE(value, at)
  if (out.length < 8 || u16(2) !== 42) return undefined
  const ifd = u32(4)
  if (ifd + 2 > out.length) return undefined
  let found = false
  for (let i = 0, count = u16(ifd); i < count; i++) {
    const entry = ifd + 2 + i * 12
    if (entry + 12 > out.length) break
    const tag = u16(entry)
    if (tag !== TIFF_IMAGE_WIDTH && tag !== TIFF_IMAGE_LENGTH) continue
    w16(TIFF_LONG, entry + 2)
    w32(1, entry + 4)
    w32(clamp(tag === TIFF_IMAGE_WIDTH ? size.width : size.height, 2 ** 32 - 1), entry + 8)
    found = true
  }
  return found ? out : undefined
}

/** AVIF/HEIF: the 'ispe' (image spatial extent) property's 32-bit width and height. */
function lyingIsobmff(out: Buffer, size: Size): Buffer | undefined {
  const at = out.indexOf('ispe', 0, 'latin1')
  // box type, then version and flags (4 bytes), then width and height.
  if (at < 0 || at + 16 > out.length) return undefined
  out.writeUInt32BE(clamp(size.width, 2 ** 32 - 1), at + 8)
  out.writeUInt32BE(clamp(size.height, 2 ** 32 - 1), at + 12)
  return out
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(0, Math.floor(value)), max)
}

/** A field that stores the size minus one, which cannot say 0. */
function minusOne(value: number, max: number): number {
  return Math.max(clamp(value, max), 1) - 1
}

function roundUpEven(value: number): number {
  return value + (value % 2)
}

/** Recomputes every PNG chunk's CRC (after a mutation), so libpng reads the damaged data. */
export function withFixedPngCrcs(bytes: Buffer): Buffer {
  if (bytes.length < 16 || bytes.readUInt32BE(0) !== 0x89504e47) return bytes
  const out = Buffer.from(bytes)
  for (let at = 8; at + 12 <= out.length;) {
    const length = out.readUInt32BE(at)
    const end = at + 8 + length
    if (end + 4 > out.length) break
    out.writeUInt32BE(crc32(out.subarray(at + 4, end)), end)
    at = end + 4
  }
  return out
}
