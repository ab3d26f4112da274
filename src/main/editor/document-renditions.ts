import { LucidError } from '../../shared/ipc/errors'
import type { EncodedImage } from '../engine/encode'
import type { DocumentEntry } from './document-entry'
import { currentStepId } from './document-entry'
import type { HistoryStore } from './history-store'
import { encodePreview, encodeRegion, encodeThumb } from './renditions'

/**
 * The entry, checked to be at `revision`.
 *
 * @throws LucidError NOT_FOUND when `revision` is not the entry's current revision
 */
export function atRevision(entry: DocumentEntry, revision: number): DocumentEntry {
  if (revision !== entry.revision) {
    throw new LucidError('NOT_FOUND', `Revision ${revision} of ${entry.name} is not current`)
  }
  return entry
}

/**
 * The viewer's rendition of the entry's current result, encoded once per revision.
 *
 * @throws nothing itself; the promise rejects with what encoding raised
 */
export function previewOf(entry: DocumentEntry): Promise<EncodedImage> {
  if (entry.preview?.revision !== entry.revision) {
    entry.preview = { revision: entry.revision, encoded: encodePreview(entry.current) }
  }
  return entry.preview.encoded
}

/**
 * The entry's original at preview size, encoded once.
 *
 * @throws nothing itself; the promise rejects with what encoding raised
 */
export function originalOf(entry: DocumentEntry): Promise<EncodedImage> {
  entry.originalPreview ??= encodePreview(entry.original)
  return entry.originalPreview
}

/**
 * A full-resolution crop of the entry's current result, resampled to `out` on its long side.
 *
 * @throws (rejects) LucidError NOT_FOUND when the rectangle lies outside the image
 */
export function regionOf(
  entry: DocumentEntry,
  rect: { x: number; y: number; width: number; height: number },
  out: number
): Promise<EncodedImage> {
  return encodeRegion(entry.current, rect, out)
}

/**
 * A step's thumbnail (`original` for the photo itself), PNG: the stored one, else (for the
 * current step) one encoded from the current result.
 *
 * @throws (rejects) LucidError NOT_FOUND for a step the entry does not have, or whose thumbnail
 *   is lost
 */
export async function thumbOf(
  entry: DocumentEntry,
  stepId: string,
  histories: HistoryStore
): Promise<Buffer> {
  if (stepId === 'original') return encodeThumb(entry.original)
  if (!entry.history.steps.some((step) => step.id === stepId)) {
    throw new LucidError('NOT_FOUND', 'That step is not in the history')
  }
  const stored = await histories.readThumb(entry.key, stepId)
  if (stored) return stored
  if (currentStepId(entry) === stepId) return encodeThumb(entry.current)
  throw new LucidError('NOT_FOUND', 'That step has no thumbnail')
}
