import { basename } from 'node:path'
import type { Metadata, Sharp, SharpOptions } from 'sharp'
import sharp from 'sharp'
import type { ImageFormat } from '../../../shared/domain/document'
import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import { toRawImage } from '../raw-image'
import { iccProfileName } from './icc-profile'
import { decodeError, readImageHeader } from './probe-image'

/** What the file was, kept so an export can give back its profile and metadata. */
export interface SourceInfo {
  /** The file read; export refuses to write over it. */
  readonly path: string
  readonly format: ImageFormat
  /** Size of the decoded pixels, i.e. after the EXIF orientation was applied. */
  readonly width: number
  readonly height: number
  /** Bits per sample in the file (8 for JPEG, 16 for a 16-bit PNG or TIFF, 10 for a 10-bit AVIF…). */
  readonly bitDepth: number
  readonly hasAlpha: boolean
  readonly fileBytes: number
  /** The EXIF orientation (1–8) the pixels were turned by; 1 when they were upright. */
  readonly orientation: number
  /** The embedded ICC profile, byte for byte; the pixels were converted from it to sRGB. */
  readonly icc?: Buffer
  /** The profile's description, e.g. "Display P3". */
  readonly iccName?: string
  /** The EXIF block as the file had it, Orientation included (export resets that to 1). */
  readonly exif?: Buffer
  /** The XMP packet as the file had it. */
  readonly xmp?: Buffer
}

export interface LoadedImage {
  readonly image: RawImage
  readonly source: SourceInfo
}

export interface LoadOptions {
  /** 8 decodes every file to 8 bits, for callers that handle no more; default 16. */
  readonly maxBitDepth?: 8 | 16
}

/** Sample formats wider than 8 bits; they decode to 16-bit samples. */
const highDepths: ReadonlySet<string> = new Set([
  'ushort',
  'short',
  'uint',
  'int',
  'float',
  'double'
])

/**
 * Decodes an image for the engine: upright (EXIF orientation applied), sRGB (converted from the
 * embedded profile), RGB or RGBA (grey is expanded, alpha kept), 16-bit samples when the file
 * has more than 8 bits per sample, else 8-bit.
 *
 * @param options.maxBitDepth 8 to always decode to 8 bits; default 16
 * @throws LucidError FILE_NOT_FOUND, UNSUPPORTED_FORMAT (including animated GIF/WebP and HEIC
 *   without a decoder), IMAGE_TOO_LARGE (file size or pixel count) or CORRUPT_IMAGE
 */
export async function loadImage(path: string, options: LoadOptions = {}): Promise<LoadedImage> {
  const { info, metadata, decodeOptions } = await readImageHeader(path)
  const bitDepth = options.maxBitDepth !== 8 && highDepths.has(metadata.depth) ? 16 : 8
  let image: RawImage
  try {
    image = await toRawImage(decodePipeline(path, metadata, decodeOptions, bitDepth), bitDepth)
  } catch (error) {
    throw decodeError(basename(path), error)
  }
  if (image.channels !== 3 && image.channels !== 4) {
    throw new LucidError('CORRUPT_IMAGE', `${basename(path)} decoded to ${image.channels} channels`)
  }
  const source: SourceInfo = {
    path,
    format: info.format,
    width: image.width,
    height: image.height,
    bitDepth: metadata.bitsPerSample ?? (highDepths.has(metadata.depth) ? 16 : 8),
    hasAlpha: info.hasAlpha,
    fileBytes: info.fileBytes,
    orientation: metadata.orientation ?? 1,
    ...(metadata.icc && { icc: metadata.icc, iccName: iccProfileName(metadata.icc) }),
    ...(metadata.exif && { exif: metadata.exif }),
    ...(metadata.xmp && { xmp: metadata.xmp })
  }
  return { image, source }
}

function decodePipeline(
  path: string,
  metadata: Metadata,
  options: SharpOptions,
  bitDepth: 8 | 16
): Sharp {
  // For 16-bit RGB with a profile, sharp converts into Display P3 (its 16-bit working space),
  // not sRGB, and a second step P3 → sRGB costs up to 3% in the shadows. Instead skip sharp's
  // input conversion and go from the embedded profile straight to sRGB, the models' space.
  const direct = metadata.space === 'rgb16' && metadata.hasProfile
  let pipeline = sharp(path, { ...options, ignoreIcc: direct }).autoOrient()
  if (direct) pipeline = pipeline.withIccProfile('srgb', { attach: false })
  // 'srgb'/'rgb16' also expands grey to RGB; alpha is kept as an extra band.
  pipeline = pipeline.toColourspace(bitDepth === 16 ? 'rgb16' : 'srgb')
  return metadata.hasAlpha ? pipeline.ensureAlpha() : pipeline.removeAlpha()
}
