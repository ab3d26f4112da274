import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import type { RawImage } from '../raw-image'

/**
 * Raw pixels packed as an uncompressed PNG that also carries an ICC profile and an EXIF block,
 * to be the input of the export pipeline.
 *
 * Why a PNG in between: sharp takes metadata only from encoded input. Raw pixels cannot carry a
 * profile, `withIccProfile` takes a file name rather than bytes, and `withExif` takes string
 * key/values that libvips re-parses tag by tag (binary tags such as MakerNote do not survive).
 * PNG's iCCP and eXIf chunks hold both byte for byte; libvips reads them on load and its savers
 * write them out as for any file (`keepIccProfile`, `keepExif`). Deflate level 0 keeps the
 * detour cheap (about 0.1 s for 24 MP).
 */
export interface PngTags {
  /** The profile the pixels are in: it is embedded, the pixels are not converted. */
  readonly icc: Buffer
  /** TIFF-structured EXIF (no "Exif\0\0" prefix), see exifForExport. */
  readonly exif?: Buffer
}

const SIGNATURE_BYTES = 8
const IHDR_END = SIGNATURE_BYTES + 4 + 4 + 13 + 4

/**
 * Encodes `image` as RGB(A) PNG at `bitDepth` (grey is expanded; 8 → 16 bits is v × 257,
 * 16 → 8 bits is libvips' v >> 8) with the given profile and EXIF chunks.
 */
export async function taggedPng(image: RawImage, bitDepth: 8 | 16, tags: PngTags): Promise<Buffer> {
  const source = bitDepth === 16 && image.bitDepth === 8 ? widened(image) : image
  const { data, width, height, channels } = source
  // Our own pixels, not untrusted input: an upscaled result may pass the input pixel limit.
  const png = await sharp(data, { raw: { width, height, channels }, limitInputPixels: false })
    .toColourspace(bitDepth === 16 ? 'rgb16' : 'srgb')
    .png({ compressionLevel: 0 })
    .toBuffer()
  if (png.toString('latin1', SIGNATURE_BYTES + 4, SIGNATURE_BYTES + 8) !== 'IHDR') {
    throw new Error('sharp wrote a PNG that does not start with IHDR')
  }
  // Both chunks must come before the image data; right after IHDR is always valid.
  const chunks = [pngChunk('iCCP', iccpData(tags.icc))]
  if (tags.exif) chunks.push(pngChunk('eXIf', tags.exif))
  return Buffer.concat([png.subarray(0, IHDR_END), ...chunks, png.subarray(IHDR_END)])
}

/**
 * 8-bit samples on the 16-bit scale, v × 257 so that 255 → 65535 and the round trip back is
 * exact. libvips' own widening (toColourspace 'rgb16') maps 1 → 511 but 2 → 512.
 */
function widened(image: RawImage): RawImage {
  const data = new Uint16Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = (image.data[i] ?? 0) * 257
  return { ...image, data, bitDepth: 16 }
}

function iccpData(icc: Buffer): Buffer {
  // Profile name (Latin-1, 1–79 bytes), NUL, compression method 0 (zlib), compressed profile.
  return Buffer.concat([Buffer.from('ICC profile\0\0', 'latin1'), deflateSync(icc)])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
