import { realpath } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { ExportFormat, ExportResult } from '../../shared/domain/document'
import { LucidError } from '../../shared/ipc/errors'
import { writeFileAtomically } from './atomic-write'
import { encodeImage } from './encode'
import type { RawImage } from './raw-image'

export interface ExportRequest {
  readonly image: RawImage
  readonly target: string
  readonly format: ExportFormat
  readonly quality: number
  /** Originals that must never be written. */
  readonly protectedPaths: readonly string[]
  readonly onProgress?: (fraction: number) => void
}

/**
 * Encodes and writes an image to a new file, atomically.
 *
 * @throws LucidError WOULD_OVERWRITE_ORIGINAL when the target is an open original (also through
 *   a symlink), WRITE_FAILED when the file cannot be written
 */
export async function exportImage(request: ExportRequest): Promise<ExportResult> {
  const { image, target, format, quality, protectedPaths, onProgress } = request
  const targetReal = await canonical(target)
  for (const original of protectedPaths) {
    if ((await canonical(original)) === targetReal) {
      throw new LucidError(
        'WOULD_OVERWRITE_ORIGINAL',
        `Lucid never overwrites an original: choose another name than ${basename(target)}`
      )
    }
  }
  onProgress?.(0.1)
  const data = await encodeImage(image, format, quality)
  onProgress?.(0.7)
  await writeFileAtomically(target, data)
  onProgress?.(1)
  return { path: target, format, width: image.width, height: image.height, bytes: data.byteLength }
}

/** The real path of a file, or its resolved path when it does not exist yet. */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return resolve(path)
  }
}
