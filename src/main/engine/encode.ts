import type { Sharp } from 'sharp'
import type { ExportFormat } from '../../shared/domain/document'
import { PREVIEW_MAX_SIDE } from '../../shared/domain/limits'
import type { RawImage } from './raw-image'
import { sharpFromRaw } from './raw-image'

export interface EncodedImage {
  readonly data: Buffer
  readonly contentType: string
}

const extensions: Readonly<Record<ExportFormat, readonly string[]>> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  tiff: ['tif', 'tiff'],
  avif: ['avif']
}

/** The file extension we write for a format. */
export function extensionFor(format: ExportFormat): string {
  return extensions[format][0] ?? format
}

/** The export format a file name's extension names, if any. */
export function formatForPath(path: string): ExportFormat | undefined {
  const ext = path.toLowerCase().split('.').pop() ?? ''
  return (Object.keys(extensions) as ExportFormat[]).find((f) => extensions[f].includes(ext))
}

/**
 * Encodes pixels to a file format.
 *
 * @param quality 1..100, used by the lossy formats (JPEG, WebP, AVIF); PNG and TIFF are lossless.
 */
export async function encodeImage(
  image: RawImage,
  format: ExportFormat,
  quality: number
): Promise<Buffer> {
  return withExportFormat(sharpFromRaw(image), format, quality).toBuffer()
}

/** The format's encoder on a pipeline, with Lucid's settings (shared by every export path). */
export function withExportFormat(pipeline: Sharp, format: ExportFormat, quality: number): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({
        quality,
        mozjpeg: true,
        chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0'
      })
    case 'png':
      return pipeline.png({ compressionLevel: 6 })
    case 'webp':
      return pipeline.webp({ quality })
    case 'tiff':
      // sharp's TIFF default is JPEG compression: lossy, and 8-bit only.
      return pipeline.tiff({ compression: 'lzw' })
    case 'avif':
      return pipeline.avif({ quality })
  }
}

/**
 * A display-sized rendition for the viewer: long side at most PREVIEW_MAX_SIDE, JPEG (PNG when
 * the image has alpha, so transparency shows).
 */
export async function encodePreview(image: RawImage): Promise<EncodedImage> {
  const pipeline = sharpFromRaw(image).resize({
    width: PREVIEW_MAX_SIDE,
    height: PREVIEW_MAX_SIDE,
    fit: 'inside',
    withoutEnlargement: true
  })
  if (image.channels === 4 || image.channels === 2) {
    return {
      data: await pipeline.png({ compressionLevel: 1 }).toBuffer(),
      contentType: 'image/png'
    }
  }
  return { data: await pipeline.jpeg({ quality: 90 }).toBuffer(), contentType: 'image/jpeg' }
}
