import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Metadata, SharpOptions } from 'sharp'
import sharp from 'sharp'
import type { ImageFormat, ImageInfo } from '../../../shared/domain/document'
import { MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS } from '../../../shared/domain/limits'
import { LucidError } from '../../../shared/ipc/errors'
import { untrustedInputOptions } from '../raw-image'
import { jpegFileIsHuffmanCoded, MAX_HUFFMAN_JPEG_PIXELS_PER_BYTE } from './jpeg-coding'

/** What an image's header says: our summary, and sharp's full metadata (profile, EXIF, XMP). */
export interface ImageHeader {
  readonly info: ImageInfo
  readonly metadata: Metadata
  /** The sharp input options to decode this file's pixels with (see decodeOptionsFor). */
  readonly decodeOptions: SharpOptions
}

/**
 * More pixels per byte of file than any photo has (JPEG photos hold 2–20, flat PNG graphics a
 * few hundred): a header claiming this many is lying, or the file is missing most of its data.
 */
const SUSPICIOUS_PIXELS_PER_BYTE = 1000

const sharpFormats: Readonly<Record<string, ImageFormat>> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  tiff: 'tiff',
  gif: 'gif',
  heif: 'heif'
}

/**
 * Reads an image's header and checks it is something we will decode: a supported raster
 * format, a single frame, within the pixel limit.
 *
 * @throws LucidError FILE_NOT_FOUND, UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE or CORRUPT_IMAGE
 */
export async function probeImage(path: string): Promise<ImageInfo> {
  return (await readImageHeader(path)).info
}

/**
 * As probeImage, and also hands back sharp's metadata so a decoder need not read the header
 * twice.
 *
 * @throws LucidError as probeImage
 */
export async function readImageHeader(path: string): Promise<ImageHeader> {
  const name = basename(path)
  const fileBytes = await fileSize(path, name)
  let meta: Metadata
  try {
    // Header only: no pixels are decoded here, so the limit is lifted to report the real size.
    meta = await sharp(path, { ...untrustedInputOptions, limitInputPixels: false }).metadata()
  } catch (error) {
    throw decodeError(name, error)
  }
  const format = formatOf(meta)
  if (!format) {
    throw new LucidError(
      'UNSUPPORTED_FORMAT',
      `${name} is not a supported image (JPEG, PNG, WebP, TIFF, AVIF, HEIF or GIF)`
    )
  }
  if (format === 'heif' && !heicDecoderAvailable()) {
    // sharp's prebuilt libvips decodes AV1 (AVIF) only; HEVC (most iPhone HEIC) needs libde265.
    throw new LucidError(
      'UNSUPPORTED_FORMAT',
      `${name} is a HEIC image compressed with HEVC, which this build of Lucid cannot decode; convert it to JPEG or AVIF first`
    )
  }
  const { width, height } = meta
  if (!width || !height) throw new LucidError('CORRUPT_IMAGE', `${name} has no valid dimensions`)
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new LucidError(
      'IMAGE_TOO_LARGE',
      `${name} is ${width}×${height} (${Math.round((width * height) / 1e6)} MP); Lucid opens up to ${MAX_IMAGE_PIXELS / 1e6} MP`
    )
  }
  if (
    format === 'jpeg' &&
    (width * height) / fileBytes > MAX_HUFFMAN_JPEG_PIXELS_PER_BYTE &&
    (await jpegFileIsHuffmanCoded(path))
  ) {
    throw new LucidError(
      'CORRUPT_IMAGE',
      `${name} claims ${width}×${height} pixels but holds only ${fileBytes} bytes; the file is damaged`
    )
  }
  if ((meta.pages ?? 1) > 1 && (format === 'gif' || format === 'webp')) {
    // Keeping only the first frame would silently lose the animation.
    throw new LucidError('UNSUPPORTED_FORMAT', `${name} is animated; Lucid edits still images only`)
  }
  // EXIF orientations 5–8 swap the axes once applied.
  const swapped = (meta.orientation ?? 1) >= 5
  const info: ImageInfo = {
    width: swapped ? height : width,
    height: swapped ? width : height,
    format,
    channels: meta.hasAlpha ? 4 : 3,
    hasAlpha: meta.hasAlpha,
    fileBytes
  }
  return { info, metadata: meta, decodeOptions: decodeOptionsFor(width * height, fileBytes) }
}

/**
 * untrustedInputOptions, made strict (any decoder warning fails) for a file that claims far
 * more pixels than its bytes can hold. libjpeg, libtiff and others only *warn* when the pixel
 * data ends early and then invent the rest, so a 3 KB JPEG whose header says 14000×14000
 * (under the pixel limit) would otherwise decode for seconds into gigabytes of grey. Files of
 * plausible size keep the tolerant setting, so camera JPEGs with benign warnings still open.
 */
export function decodeOptionsFor(pixels: number, fileBytes: number): SharpOptions {
  const suspicious = pixels / fileBytes > SUSPICIOUS_PIXELS_PER_BYTE
  return suspicious ? { ...untrustedInputOptions, failOn: 'warning' } : untrustedInputOptions
}

async function fileSize(path: string, name: string): Promise<number> {
  let fileBytes: number
  try {
    const stats = await stat(path)
    if (!stats.isFile()) throw new LucidError('FILE_NOT_FOUND', `${name} is not a file`)
    fileBytes = stats.size
  } catch (error) {
    if (error instanceof LucidError) throw error
    throw new LucidError('FILE_NOT_FOUND', `${name} could not be found or read`, { cause: error })
  }
  if (fileBytes === 0) throw new LucidError('CORRUPT_IMAGE', `${name} is empty`)
  if (fileBytes > MAX_IMAGE_FILE_BYTES) {
    throw new LucidError(
      'IMAGE_TOO_LARGE',
      `${name} is larger than Lucid opens (${megabytes(MAX_IMAGE_FILE_BYTES)} MB)`
    )
  }
  return fileBytes
}

function formatOf(meta: Metadata): ImageFormat | undefined {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : 'heif'
  return sharpFormats[meta.format]
}

/** libvips lists `.heic` among heifload's suffixes only when libheif has an HEVC decoder. */
function heicDecoderAvailable(): boolean {
  return sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false
}

/** Maps libvips' messages onto our error codes with a message a person can act on. */
export function decodeError(name: string, error: unknown): LucidError {
  const text = error instanceof Error ? error.message : String(error)
  if (/unsupported image format/i.test(text)) {
    return new LucidError('UNSUPPORTED_FORMAT', `${name} is not an image Lucid can open`, {
      cause: error
    })
  }
  if (/pixel limit/i.test(text)) {
    return new LucidError(
      'IMAGE_TOO_LARGE',
      `${name} has more pixels than Lucid opens (${MAX_IMAGE_PIXELS / 1e6} MP)`,
      { cause: error }
    )
  }
  if (/permission denied|EACCES|EPERM/i.test(text)) {
    return new LucidError('FILE_NOT_FOUND', `${name} could not be read: permission denied`, {
      cause: error
    })
  }
  // Only the file itself being absent: libtiff's "missing required field" is a damaged file.
  if (/input file is missing|ENOENT|no such file/i.test(text)) {
    return new LucidError('FILE_NOT_FOUND', `${name} could not be found`, { cause: error })
  }
  return new LucidError(
    'CORRUPT_IMAGE',
    `${name} could not be decoded: it may be truncated or damaged`,
    { cause: error }
  )
}

function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024))
}
