import type { ExportOptions, ExportResult } from '../../shared/domain/document'
import type { SourceInfo } from '../engine/io/load-image'
import { formatCapabilities, saveImage } from '../engine/io/save-image'
import type { RawImage } from '../engine/raw-image'

export interface DocumentExport {
  readonly image: RawImage
  /** The original as loaded: its profile and metadata, and a path never to write. */
  readonly source: SourceInfo
  /** Every open original. */
  readonly protectedPaths: readonly string[]
  readonly target: string
  readonly options: ExportOptions
}

/**
 * Writes a result with the export dialog's options: the format, quality, bit depth where the
 * format has it (16 bits for PNG and TIFF; other formats are written at 8), the source's
 * metadata when kept and its colour profile or sRGB. Atomic, and never over an original. The
 * save dialog already asked before replacing an existing file.
 *
 * @throws LucidError as saveImage (WOULD_OVERWRITE_ORIGINAL, WRITE_FAILED, IMAGE_TOO_LARGE)
 */
export function exportDocument(request: DocumentExport): Promise<ExportResult> {
  const { image, source, protectedPaths, target, options } = request
  const depthAllowed = formatCapabilities[options.format].bitDepths.includes(options.bitDepth)
  return saveImage(image, target, {
    format: options.format,
    quality: options.quality,
    ...(depthAllowed && { bitDepth: options.bitDepth }),
    keepMetadata: options.keepMetadata,
    colourProfile: options.colourProfile,
    source,
    protectedPaths,
    overwrite: true
  })
}
