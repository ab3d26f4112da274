import type { ExportFormat, ExportOptions } from '../../../shared/domain/document'
import { ExportOptionsSchema, exportFormats } from '../../../shared/domain/document'

/** The export dialog's rules: which options each format takes, and remembering the last ones. */

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  tiff: 'TIFF',
  avif: 'AVIF'
}

export const EXPORT_FORMATS: readonly ExportFormat[] = exportFormats

/** 16 bits per channel only where the encoder writes it losslessly: PNG and TIFF. */
export function supportsBitDepth(format: ExportFormat): boolean {
  return format === 'png' || format === 'tiff'
}

/** A quality setting only means something for the lossy encoders. */
export function supportsQuality(format: ExportFormat): boolean {
  return format === 'jpeg' || format === 'webp' || format === 'avif'
}

/** The options made consistent: a format that cannot take 16 bits gets 8. */
export function normaliseExportOptions(options: ExportOptions): ExportOptions {
  return supportsBitDepth(options.format) ? options : { ...options, bitDepth: 8 }
}

/** Defaults for a photo: PNG keeps transparency, JPEG otherwise. */
export function defaultExportOptions(hasAlpha: boolean): ExportOptions {
  return ExportOptionsSchema.parse({ format: hasAlpha ? 'png' : 'jpeg' })
}

const STORAGE_KEY = 'lucid.export-options'

/** The last options the person exported with, or null when none (or unreadable) are stored. */
export function loadExportOptions(storage: Pick<Storage, 'getItem'>): ExportOptions | null {
  try {
    const raw = storage.getItem(STORAGE_KEY)
    if (raw === null) return null
    const parsed = ExportOptionsSchema.safeParse(JSON.parse(raw))
    return parsed.success ? normaliseExportOptions(parsed.data) : null
  } catch {
    return null
  }
}

export function saveExportOptions(storage: Pick<Storage, 'setItem'>, options: ExportOptions): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(normaliseExportOptions(options)))
  } catch {
    // A full or disabled storage only costs the remembered choice.
  }
}
