import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { ExportFormat, ExportResult } from '../../../shared/domain/document'
import { exportFormats } from '../../../shared/domain/document'
import { LucidError } from '../../../shared/ipc/errors'
import { writeFileAtomically } from '../atomic-write'
import { withExportFormat } from '../encode'
import type { RawImage } from '../raw-image'
import { iccColourSpace, srgbProfile } from './icc-profile'
import type { SourceInfo } from './load-image'
import { exifForExport, xmpForExport } from './metadata-for-export'
import { taggedPng } from './tagged-png'
import { assertWritableTarget } from './write-target'

export interface ExportOptions {
  readonly format: ExportFormat
  /** 1..100 for JPEG, WebP and AVIF; default 90. PNG and TIFF are lossless and ignore it. */
  readonly quality?: number
  /** 16 is for PNG and TIFF only. Default: the image's depth where the format allows, else 8. */
  readonly bitDepth?: 8 | 16
  /**
   * 'original' converts the pixels to the source's profile and embeds it; a source without a
   * profile, or with a grey or CMYK one (which cannot describe RGB pixels), gets sRGB.
   * 'srgb' embeds sRGB, the pixels' own space.
   */
  readonly colourProfile: 'original' | 'srgb'
  /**
   * true writes the source's EXIF (Orientation reset to 1: the pixels are upright) and XMP,
   * where the format can carry them (see formatCapabilities); false writes neither, so no
   * camera data and no GPS position leave with the image.
   */
  readonly keepMetadata: boolean
  /** Where the pixels came from: its profile and metadata. */
  readonly source?: SourceInfo
}

export interface SaveOptions extends ExportOptions {
  /** Files that must never be written, besides `source.path`. */
  readonly protectedPaths?: readonly string[]
  /** Replace an existing file at the target (never an original); default false. */
  readonly overwrite?: boolean
}

export interface FormatCapabilities {
  readonly bitDepths: readonly (8 | 16)[]
  /** false: transparent pixels are flattened onto white. */
  readonly alpha: boolean
  readonly exif: boolean
  readonly xmp: boolean
  /** The longest side the format can store, in pixels. */
  readonly maxSide: number
}

/**
 * What each format carries, as sharp 0.35 (libvips 8.18) writes it; every format carries ICC.
 * The size limits are libjpeg's, libwebp's and sharp's (HEIF); they are checked up front.
 */
export const formatCapabilities: Readonly<Record<ExportFormat, FormatCapabilities>> = {
  jpeg: { bitDepths: [8], alpha: false, exif: true, xmp: true, maxSide: 65_500 },
  png: { bitDepths: [8, 16], alpha: true, exif: true, xmp: true, maxSide: 2 ** 31 - 1 },
  webp: { bitDepths: [8], alpha: true, exif: true, xmp: true, maxSide: 16_383 },
  // libvips' TIFF writer has no EXIF sub-IFD: the EXIF block cannot be written (XMP, ICC can).
  tiff: { bitDepths: [8, 16], alpha: true, exif: false, xmp: true, maxSide: 2 ** 32 - 1 },
  avif: { bitDepths: [8], alpha: true, exif: true, xmp: true, maxSide: 16_384 }
}

const DEFAULT_QUALITY = 90

/**
 * Encodes pixels for export: the chosen format, depth and colour profile, and the source's
 * metadata when asked. JPEG has no alpha: transparent pixels are flattened onto white.
 *
 * @throws LucidError INVALID_ARGUMENT for a bad quality, depth or format, IMAGE_TOO_LARGE when
 *   the format cannot hold the size, WRITE_FAILED when the encoder fails
 */
export async function encodeForExport(image: RawImage, options: ExportOptions): Promise<Buffer> {
  const capabilities = capabilitiesOf(options.format)
  const quality = checkedQuality(options.quality)
  const bitDepth = outputBitDepth(image, options.format, options.bitDepth)
  if (Math.max(image.width, image.height) > capabilities.maxSide) {
    throw new LucidError(
      'IMAGE_TOO_LARGE',
      `${image.width}×${image.height} is too large for ${label(options.format)} (at most ${capabilities.maxSide} pixels a side)`
    )
  }
  const { source, keepMetadata } = options
  // Formats without EXIF are not handed any: libvips would drop it anyway (formatCapabilities).
  const exif =
    keepMetadata && capabilities.exif && source?.exif ? exifForExport(source.exif) : undefined
  const xmp = keepMetadata && source?.xmp ? xmpForExport(source.xmp) : undefined
  try {
    // The pixels are sRGB: the carrier says so, so sharp converts from the right space.
    const carrier = await taggedPng(image, bitDepth, { icc: await srgbProfile(), exif })
    return await withProfileFile(originalProfile(options), async (profilePath) => {
      // ignoreIcc: no conversion on the way in (sharp's would go to P3 for 16 bits), so that
      // withIccProfile converts from the carrier's sRGB straight to the target profile.
      let pipeline = sharp(carrier, { limitInputPixels: false, ignoreIcc: true })
      if (!capabilities.alpha && hasAlpha(image)) {
        pipeline = pipeline.flatten({ background: '#fff' })
      }
      pipeline = pipeline.toColourspace(bitDepth === 16 ? 'rgb16' : 'srgb')
      // keepIccProfile embeds the carrier's sRGB as is: no conversion, 16-bit values exact.
      pipeline = profilePath ? pipeline.withIccProfile(profilePath) : pipeline.keepIccProfile()
      if (exif) pipeline = pipeline.keepExif()
      if (xmp) pipeline = pipeline.withXmp(xmp)
      return await withExportFormat(pipeline, options.format, quality).toBuffer()
    })
  } catch (error) {
    throw encodeError(options.format, error)
  }
}

/**
 * Encodes and writes an image to a new file atomically (temporary file, fsync, rename), never
 * over the source or any protected path.
 *
 * @throws LucidError WOULD_OVERWRITE_ORIGINAL, WRITE_FAILED (also for an existing target
 *   without `overwrite`), and as encodeForExport
 */
export async function saveImage(
  image: RawImage,
  targetPath: string,
  options: SaveOptions
): Promise<ExportResult> {
  const originals = [
    ...(options.source ? [options.source.path] : []),
    ...(options.protectedPaths ?? [])
  ]
  await assertWritableTarget(targetPath, originals, options.overwrite ?? false)
  const data = await encodeForExport(image, options)
  await writeFileAtomically(targetPath, data)
  return {
    path: targetPath,
    format: options.format,
    width: image.width,
    height: image.height,
    bytes: data.byteLength
  }
}

function capabilitiesOf(format: ExportFormat): FormatCapabilities {
  // The type says ExportFormat; callers outside TypeScript's reach (CLI, IPC) may say otherwise.
  const name: string = format
  if (!(exportFormats as readonly string[]).includes(name)) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `Expected one of ${exportFormats.join(', ')} for format but received ${name}`
    )
  }
  return formatCapabilities[format]
}

function checkedQuality(quality: number | undefined): number {
  if (quality === undefined) return DEFAULT_QUALITY
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `Expected an integer between 1 and 100 for quality but received ${String(quality)}`
    )
  }
  return quality
}

function outputBitDepth(image: RawImage, format: ExportFormat, asked: 8 | 16 | undefined): 8 | 16 {
  const allowed = formatCapabilities[format].bitDepths
  if (asked === undefined) return allowed.includes(image.bitDepth) ? image.bitDepth : 8
  if (!allowed.includes(asked)) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `${label(format)} is written at ${allowed.join(' or ')} bits, not ${String(asked)}; 16-bit export needs PNG or TIFF`
    )
  }
  return asked
}

/** The source's profile when export should convert to it: only an RGB profile fits RGB pixels. */
function originalProfile(options: ExportOptions): Buffer | undefined {
  const icc = options.colourProfile === 'original' ? options.source?.icc : undefined
  return icc && iccColourSpace(icc) === 'RGB' ? icc : undefined
}

/** sharp's `withIccProfile` takes a file name, not bytes: lend it one for the call. */
async function withProfileFile<T>(
  icc: Buffer | undefined,
  use: (path: string | undefined) => Promise<T>
): Promise<T> {
  if (!icc) return use(undefined)
  const dir = await mkdtemp(join(tmpdir(), 'lucid-icc-'))
  try {
    const path = join(dir, 'original.icc')
    await writeFile(path, icc)
    return await use(path)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function hasAlpha(image: RawImage): boolean {
  return image.channels === 2 || image.channels === 4
}

function encodeError(format: ExportFormat, error: unknown): LucidError {
  if (error instanceof LucidError) return error
  const text = error instanceof Error ? error.message : String(error)
  if (/too large/i.test(text)) {
    return new LucidError('IMAGE_TOO_LARGE', `The image is too large for ${label(format)}`, {
      cause: error
    })
  }
  return new LucidError('WRITE_FAILED', `Could not encode the image as ${label(format)}: ${text}`, {
    cause: error
  })
}

function label(format: ExportFormat): string {
  return format === 'jpeg' ? 'JPEG' : format === 'webp' ? 'WebP' : format.toUpperCase()
}
