import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type {
  DocumentState,
  EditOperation,
  Estimate,
  ExportResult,
  ImageInfo,
  Settings,
  Step
} from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import { maskReach } from '../../shared/domain/mask-raster'
import { LucidError } from '../../shared/ipc/errors'
import type { EncodedImage } from '../engine/encode'
import type { SourceInfo } from '../engine/io/load-image'
import { loadImage } from '../engine/io/load-image'
import type { RawImage } from '../engine/raw-image'
import type { EngineHolder } from './engine-holder'
import type { Estimator } from './estimator'
import type { History } from './history'
import * as history from './history'
import type { HistoryStore, SourceFingerprint } from './history-store'
import { HistoryStore as Histories } from './history-store'
import type { ProgressSink } from './progress'
import { progressReporter } from './progress'
import { encodePreview, encodeRegion, encodeThumb } from './renditions'
import type { ResultCache } from './result-cache'
import { isMaskedStep, runStep } from './run-step'
import type { SettingsStore } from './settings-store'
import { stepLabel } from './step-label'
import type { DocumentExport } from './export-document'
import { exportDocument } from './export-document'

export interface DocumentServiceParts {
  readonly histories: HistoryStore
  readonly cache: ResultCache
  readonly settings: SettingsStore
  readonly engine: EngineHolder
  readonly estimator: Estimator
  readonly log?: (message: string, error: unknown) => void
  readonly now?: () => number
}

interface Entry {
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
 * The editor's open photos: each an original (only ever read), a persistent history of
 * command records, and the result at the cursor. Step results live in the disk cache; a step
 * whose result is not there is recomputed from its nearest cached ancestor (or the original).
 * One job or move runs per document at a time; a cancelled or failed one changes nothing.
 */
export class DocumentService {
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number
  private readonly log: (message: string, error: unknown) => void
  /** The saved device setting, applied to the engine before the first job. */
  private readonly ready: Promise<void>

  constructor(private readonly parts: DocumentServiceParts) {
    this.now = parts.now ?? Date.now
    this.log = parts.log ?? (() => undefined)
    this.ready = parts.settings.get().then((settings) => parts.engine.setDevice(settings.device))
  }

  /**
   * Opens a photo, restoring its saved history (and rendering its current step).
   *
   * @param options.ephemeral a copy that lives only while open (dropped bytes): no history kept
   * @throws LucidError as loadImage (FILE_NOT_FOUND, UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE,
   *   CORRUPT_IMAGE)
   */
  async open(
    path: string,
    options: { ephemeral?: boolean; onProgress?: ProgressSink } = {}
  ): Promise<DocumentState> {
    await this.ready
    const { image, source } = await loadImage(path)
    const { key, source: fingerprint } = await Histories.identify(path)
    const ephemeral = options.ephemeral ?? false
    const saved = ephemeral ? null : await this.parts.histories.load(key, fingerprint)
    const entry: Entry = {
      id: randomUUID(),
      name: basename(path),
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
      key,
      fingerprint,
      ephemeral,
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
    if (saved && saved.cursor > 0) {
      try {
        const signal = new AbortController().signal
        entry.current = await this.render(entry, saved.cursor, signal, options.onProgress)
        entry.history = { steps: saved.steps, cursor: saved.cursor }
      } catch (error) {
        // The steps stay (redo recomputes them); the photo opens at its original.
        this.log(`Could not restore the current step of ${entry.name}`, error)
      }
    }
    this.entries.set(entry.id, entry)
    return this.stateOf(entry)
  }

  /** Closes a photo: cancels its job, saves its history (or forgets it, for a dropped copy). */
  async close(id: string): Promise<void> {
    const entry = this.get(id)
    this.entries.delete(id)
    entry.job?.abort()
    await entry.queue
    if (entry.ephemeral) {
      await Promise.all([
        this.parts.histories.remove(entry.key),
        this.parts.cache.removeAll(entry.key)
      ])
    } else {
      await this.parts.histories.flush()
    }
  }

  state(id: string): DocumentState {
    return this.stateOf(this.get(id))
  }

  /** The file a document was opened from. */
  sourcePath(id: string): string {
    return this.get(id).source.path
  }

  /** Paths of every open original, which no export may overwrite. */
  sourcePaths(): string[] {
    return [...this.entries.values()].map((entry) => entry.source.path)
  }

  /**
   * Runs an operation as a new step at the cursor (dropping the redo branch).
   *
   * @throws LucidError CANCELLED after cancel(), and what the operation raised; the history is
   *   then unchanged
   */
  apply(
    id: string,
    operation: EditOperation,
    mask: Mask | undefined,
    onProgress?: ProgressSink
  ): Promise<DocumentState> {
    const entry = this.get(id)
    return this.serial(entry, async (signal) => {
      const masked = isMaskedStep(operation, mask)
      const label = stepLabel(operation, masked)
      const report = progressReporter(entry.id, label, onProgress)
      const input = entry.current
      try {
        const run = await runStep(input, operation, masked ? mask : undefined, {
          engine: this.parts.engine,
          signal,
          onProgress: report.progress
        })
        if (run.outcome) {
          const bounds = masked ? maskReach(mask, input.width, input.height) : null
          await this.parts.estimator.record(
            operation,
            this.parts.engine.deviceChoice,
            input.width,
            input.height,
            bounds,
            run.outcome
          )
        }
        const step: Step = {
          id: randomUUID(),
          label,
          operation,
          masked,
          createdAt: this.now(),
          width: run.image.width,
          height: run.image.height
        }
        // The mask is saved before the history that names it.
        if (masked) await this.parts.histories.writeMask(entry.key, step.id, mask)
        const dropped = history.redoBranch(entry.history).map((s) => s.id)
        entry.history = history.push(entry.history, step)
        if (masked) entry.masks.set(step.id, mask)
        for (const stepId of dropped) entry.masks.delete(stepId)
        this.show(entry, run.image)
        report.done('Done')
        await Promise.all([
          this.keep(entry, step.id, run.image),
          this.parts.cache.remove(entry.key, dropped),
          this.parts.histories.discard(entry.key, dropped)
        ])
        return this.stateOf(entry)
      } catch (error) {
        report.done(
          error instanceof LucidError && error.code === 'CANCELLED' ? 'Cancelled' : 'Failed'
        )
        throw error
      }
    })
  }

  /** Cancels the document's running job or move, if any. */
  cancel(id: string): void {
    this.get(id).job?.abort()
  }

  undo(id: string, onProgress?: ProgressSink): Promise<DocumentState> {
    return this.moveTo(id, (h) => history.undo(h), onProgress)
  }

  redo(id: string, onProgress?: ProgressSink): Promise<DocumentState> {
    return this.moveTo(id, (h) => history.redo(h), onProgress)
  }

  /** @throws LucidError INVALID_ARGUMENT for a cursor past the last step */
  jumpTo(id: string, cursor: number, onProgress?: ProgressSink): Promise<DocumentState> {
    return this.moveTo(id, (h) => history.jumpTo(h, cursor), onProgress)
  }

  /** Where an operation would run and about how long it would take on the current result. */
  async estimate(id: string, operation: EditOperation, mask: Mask | undefined): Promise<Estimate> {
    await this.ready
    const { current } = this.get(id)
    const bounds = isMaskedStep(operation, mask)
      ? maskReach(mask, current.width, current.height)
      : null
    return this.parts.estimator.estimate(
      operation,
      this.parts.engine.deviceChoice,
      current.width,
      current.height,
      bounds
    )
  }

  settings(): Promise<Settings> {
    return this.parts.settings.get()
  }

  /** Saves the settings; the next job runs on the new device. */
  async setSettings(settings: Settings): Promise<Settings> {
    const saved = await this.parts.settings.set(settings)
    this.parts.engine.setDevice(saved.device)
    return saved
  }

  /** Writes the current result to a new file (see exportDocument). */
  export(
    id: string,
    request: Omit<DocumentExport, 'image' | 'source' | 'protectedPaths'>
  ): Promise<ExportResult> {
    const entry = this.get(id)
    return this.serial(entry, () =>
      exportDocument({
        ...request,
        image: entry.current,
        source: entry.source,
        protectedPaths: this.sourcePaths()
      })
    )
  }

  /**
   * The viewer's rendition of the current result.
   *
   * @throws LucidError NOT_FOUND for an unknown document or a revision that is not current
   */
  preview(id: string, revision: number): Promise<EncodedImage> {
    const entry = this.atRevision(id, revision)
    if (entry.preview?.revision !== revision) {
      entry.preview = { revision, encoded: encodePreview(entry.current) }
    }
    return entry.preview.encoded
  }

  /** The original at preview size (before/after). */
  original(id: string): Promise<EncodedImage> {
    const entry = this.get(id)
    entry.originalPreview ??= encodePreview(entry.original)
    return entry.originalPreview
  }

  /** A full-resolution crop of the current result, resampled to `out` on its long side. */
  region(
    id: string,
    revision: number,
    rect: { x: number; y: number; width: number; height: number },
    out: number
  ): Promise<EncodedImage> {
    return encodeRegion(this.atRevision(id, revision).current, rect, out)
  }

  /**
   * A step's thumbnail (`original` for the photo itself), PNG.
   *
   * @throws LucidError NOT_FOUND for a step the document does not have, or whose thumbnail is lost
   */
  async thumb(id: string, stepId: string): Promise<Buffer> {
    const entry = this.get(id)
    if (stepId === 'original') return encodeThumb(entry.original)
    if (!entry.history.steps.some((step) => step.id === stepId)) {
      throw new LucidError('NOT_FOUND', 'That step is not in the history')
    }
    const stored = await this.parts.histories.readThumb(entry.key, stepId)
    if (stored) return stored
    if (currentStepId(entry) === stepId) return encodeThumb(entry.current)
    throw new LucidError('NOT_FOUND', 'That step has no thumbnail')
  }

  /** Saves every pending history now and stops the engine. */
  async dispose(): Promise<void> {
    for (const entry of this.entries.values()) entry.job?.abort()
    await this.parts.histories.flush()
    await this.parts.engine.close()
  }

  private moveTo(
    id: string,
    move: (h: History) => History,
    onProgress?: ProgressSink
  ): Promise<DocumentState> {
    const entry = this.get(id)
    return this.serial(entry, async (signal) => {
      const next = move(entry.history)
      if (next.cursor === entry.history.cursor) return this.stateOf(entry)
      const image = await this.render(entry, next.cursor, signal, onProgress)
      entry.history = next
      this.show(entry, image)
      return this.stateOf(entry)
    })
  }

  /**
   * The result at `cursor`: the current result, a cached one, or the nearest cached ancestor
   * (else the original) with the steps after it replayed and their results cached.
   */
  private async render(
    entry: Entry,
    cursor: number,
    signal: AbortSignal,
    onProgress: ProgressSink | undefined
  ): Promise<RawImage> {
    const steps = entry.history.steps
    let start = 0
    let image = entry.original
    for (let at = cursor; at > 0; at--) {
      const step = steps[at - 1]
      if (!step) continue
      if (at === entry.history.cursor) {
        image = entry.current
        start = at
        break
      }
      const cached = await this.parts.cache.get(entry.key, step.id)
      if (cached && cached.width === step.width && cached.height === step.height) {
        image = cached
        start = at
        break
      }
    }
    for (const step of steps.slice(start, cursor)) {
      const report = progressReporter(entry.id, `Recomputing ${step.label}`, onProgress)
      try {
        const run = await runStep(image, step.operation, entry.masks.get(step.id), {
          engine: this.parts.engine,
          signal,
          onProgress: report.progress
        })
        image = run.image
      } finally {
        report.done('Done')
      }
      await this.keep(entry, step.id, image)
    }
    return image
  }

  /** Caches a step's result and makes sure it has a thumbnail; failures only cost speed. */
  private async keep(entry: Entry, stepId: string, image: RawImage): Promise<void> {
    try {
      await this.parts.cache.put(entry.key, stepId, image)
      if (!(await this.parts.histories.readThumb(entry.key, stepId))) {
        await this.parts.histories.writeThumb(entry.key, stepId, await encodeThumb(image))
      }
    } catch (error) {
      this.log('Could not cache a step result', error)
    }
  }

  /** Makes `image` the current result: a new revision, and the history saved soon. */
  private show(entry: Entry, image: RawImage): void {
    entry.current = image
    entry.revision += 1
    entry.preview = undefined
    if (!entry.ephemeral) {
      this.parts.histories.schedule(entry.key, entry.fingerprint, () => entry.history)
    }
  }

  private serial<T>(entry: Entry, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const run = entry.queue.then(async () => {
      if (!this.entries.has(entry.id)) throw notOpen()
      const controller = new AbortController()
      entry.job = controller
      try {
        return await task(controller.signal)
      } finally {
        if (entry.job === controller) entry.job = undefined
      }
    })
    entry.queue = run.catch(() => undefined)
    return run
  }

  private atRevision(id: string, revision: number): Entry {
    const entry = this.get(id)
    if (revision !== entry.revision) {
      throw new LucidError('NOT_FOUND', `Revision ${revision} of ${entry.name} is not current`)
    }
    return entry
  }

  private get(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw notOpen()
    return entry
  }

  private stateOf(entry: Entry): DocumentState {
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
}

function currentStepId(entry: Entry): string | undefined {
  return entry.history.steps[entry.history.cursor - 1]?.id
}

function notOpen(): LucidError {
  return new LucidError('NOT_FOUND', 'That photo is no longer open')
}
