import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { DocumentState, ImageInfo } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import type { EncodedImage } from '../engine/encode'
import type { SourceInfo } from '../engine/io/load-image'
import type { RawImage } from '../engine/raw-image'
import type { History } from './history'
import * as history from './history'
import type { SavedHistory, SourceFingerprint } from './history-store'

/** One open photo as the DocumentService keeps it: mutable, owned by the service. */
export interface DocumentEntry {
  readonly id: string
  readonly name: string
  readonly original: RawImage
  readonly source: SourceInfo
  readonly info: ImageInfo
  readonly key: string
  readonly fingerprint: SourceFingerprint
  /** A dropped copy: its history and cached results go when it closes. */
  readonly ephemeral: boolean
  readonly restored: boolean
  history: History
  readonly masks: Map<string, Mask>
  /** The result at the history's cursor: the only result kept in memory. */
  current: RawImage
  revision: number
  preview: { revision: number; encoded: Promise<EncodedImage> } | undefined
  originalPreview: Promise<EncodedImage> | undefined
  /** Serialises the document's jobs and moves: one at a time, in order. */
  queue: Promise<unknown>
  /** Aborts the running job (edit:cancel). */
  job: AbortController | undefined
}

/**
 * A fresh entry for a photo just loaded, at its original (cursor 0) with the saved steps, if
 * any, ahead of the cursor; restoring the saved cursor is the caller's job. Never throws.
 */
export function newEntry(opened: {
  readonly path: string
  readonly image: RawImage
  readonly source: SourceInfo
  readonly key: string
  readonly fingerprint: SourceFingerprint
  readonly ephemeral: boolean
  readonly saved: SavedHistory | null
}): DocumentEntry {
  const { image, source, saved } = opened
  return {
    id: randomUUID(),
    name: basename(opened.path),
    original: image,
    source,
    info: {
      width: image.width,
      height: image.height,
      format: source.format,
      channels: image.channels,
      hasAlpha: source.hasAlpha,
      fileBytes: source.fileBytes
    },
    key: opened.key,
    fingerprint: opened.fingerprint,
    ephemeral: opened.ephemeral,
    restored: saved !== null && saved.steps.length > 0,
    history: saved ? { steps: saved.steps, cursor: 0 } : history.emptyHistory,
    masks: new Map(saved?.masks),
    current: image,
    revision: 0,
    preview: undefined,
    originalPreview: undefined,
    queue: Promise.resolve(),
    job: undefined
  }
}

/** The id of the step at the entry's cursor, or undefined at the original. Never throws. */
export function currentStepId(entry: DocumentEntry): string | undefined {
  return entry.history.steps[entry.history.cursor - 1]?.id
}

/** A snapshot of the entry for the renderer (steps copied). Never throws. */
export function documentState(entry: DocumentEntry): DocumentState {
  return {
    id: entry.id,
    name: entry.name,
    info: entry.info,
    steps: [...entry.history.steps],
    cursor: entry.history.cursor,
    revision: entry.revision,
    canUndo: history.canUndo(entry.history),
    canRedo: history.canRedo(entry.history),
    width: entry.current.width,
    height: entry.current.height,
    restored: entry.restored
  }
}
