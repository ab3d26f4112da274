import type {
  DocumentState,
  EditOperation,
  Estimate,
  ExportResult,
  Settings
} from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import { LucidError } from '../../shared/ipc/errors'
import type { EncodedImage } from '../engine/encode'
import { loadImage } from '../engine/io/load-image'
import type { DocumentEntry } from './document-entry'
import { documentState, newEntry } from './document-entry'
import { atRevision, originalOf, previewOf, regionOf, thumbOf } from './document-renditions'
import type { EngineHolder } from './engine-holder'
import type { Estimator } from './estimator'
import type { History } from './history'
import * as history from './history'
import type { HistoryStore } from './history-store'
import { HistoryStore as Histories } from './history-store'
import type { ProgressSink } from './progress'
import { progressReporter } from './progress'
import type { ResultCache } from './result-cache'
import type { NewStepParts } from './new-step'
import { estimateStep, runNewStep } from './new-step'
import { isMaskedStep } from './run-step'
import type { SettingsStore } from './settings-store'
import { stepLabel } from './step-label'
import { StepRenderer } from './step-renderer'
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

/**
 * The editor's open photos: each an original (only ever read), a persistent history of
 * command records, and the result at the cursor. Step results live in the disk cache; a step
 * whose result is not there is recomputed from its nearest cached ancestor (or the original).
 * One job or move runs per document at a time; a cancelled or failed one changes nothing.
 */
export class DocumentService {
  private readonly entries = new Map<string, DocumentEntry>()
  private readonly log: (message: string, error: unknown) => void
  private readonly steps: StepRenderer
  private readonly newStep: NewStepParts
  /** The saved device setting, applied to the engine before the first job. */
  private readonly ready: Promise<void>

  constructor(private readonly parts: DocumentServiceParts) {
    this.log = parts.log ?? (() => undefined)
    this.steps = new StepRenderer({
      histories: parts.histories,
      cache: parts.cache,
      engine: parts.engine,
      log: this.log
    })
    this.newStep = { engine: parts.engine, estimator: parts.estimator, now: parts.now ?? Date.now }
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
    const entry = newEntry({ path, image, source, key, fingerprint, ephemeral, saved })
    if (saved && saved.cursor > 0) {
      try {
        const signal = new AbortController().signal
        entry.current = await this.steps.render(entry, saved.cursor, signal, options.onProgress)
        entry.history = { steps: saved.steps, cursor: saved.cursor }
      } catch (error) {
        // The steps stay (redo recomputes them); the photo opens at its original.
        this.log(`Could not restore the current step of ${entry.name}`, error)
      }
    }
    this.entries.set(entry.id, entry)
    return documentState(entry)
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
    return documentState(this.get(id))
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
      try {
        const { step, image } = await runNewStep(
          this.newStep,
          entry.current,
          operation,
          masked ? mask : undefined,
          { label, signal, onProgress: report.progress }
        )
        // The mask is saved before the history that names it.
        if (masked) await this.parts.histories.writeMask(entry.key, step.id, mask)
        const dropped = history.redoBranch(entry.history).map((s) => s.id)
        entry.history = history.push(entry.history, step)
        if (masked) entry.masks.set(step.id, mask)
        for (const stepId of dropped) entry.masks.delete(stepId)
        this.steps.show(entry, image)
        report.done('Done')
        await Promise.all([
          this.steps.keep(entry, step.id, image),
          this.parts.cache.remove(entry.key, dropped),
          this.parts.histories.discard(entry.key, dropped)
        ])
        return documentState(entry)
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
    return estimateStep(this.newStep, this.get(id).current, operation, mask)
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
    return previewOf(atRevision(this.get(id), revision))
  }

  /** The original at preview size (before/after). */
  original(id: string): Promise<EncodedImage> {
    return originalOf(this.get(id))
  }

  /** A full-resolution crop of the current result, resampled to `out` on its long side. */
  region(
    id: string,
    revision: number,
    rect: { x: number; y: number; width: number; height: number },
    out: number
  ): Promise<EncodedImage> {
    return regionOf(atRevision(this.get(id), revision), rect, out)
  }

  /**
   * A step's thumbnail (`original` for the photo itself), PNG.
   *
   * @throws LucidError NOT_FOUND for a step the document does not have, or whose thumbnail is lost
   */
  async thumb(id: string, stepId: string): Promise<Buffer> {
    return thumbOf(this.get(id), stepId, this.parts.histories)
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
      if (next.cursor === entry.history.cursor) return documentState(entry)
      const image = await this.steps.render(entry, next.cursor, signal, onProgress)
      entry.history = next
      this.steps.show(entry, image)
      return documentState(entry)
    })
  }

  private serial<T>(entry: DocumentEntry, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
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

  private get(id: string): DocumentEntry {
    const entry = this.entries.get(id)
    if (!entry) throw notOpen()
    return entry
  }
}

function notOpen(): LucidError {
  return new LucidError('NOT_FOUND', 'That photo is no longer open')
}
