import type { RawImage } from '../engine/raw-image'
import type { DocumentEntry } from './document-entry'
import type { EngineHolder } from './engine-holder'
import type { HistoryStore } from './history-store'
import type { ProgressSink } from './progress'
import { progressReporter } from './progress'
import { encodeThumb } from './renditions'
import type { ResultCache } from './result-cache'
import { runStep } from './run-step'

/** What a StepRenderer reads and writes: the disk stores, the engine and a log for failures. */
export interface StepRendererParts {
  readonly histories: HistoryStore
  readonly cache: ResultCache
  readonly engine: EngineHolder
  readonly log: (message: string, error: unknown) => void
}

/**
 * Produces a document's result at any cursor by replaying steps from the nearest cached
 * ancestor, keeps step results in the disk cache (with thumbnails), and makes a result current.
 */
export class StepRenderer {
  constructor(private readonly parts: StepRendererParts) {}

  /**
   * The result at `cursor`: the current result, a cached one, or the nearest cached ancestor
   * (else the original) with the steps after it replayed and their results cached. The entry
   * itself is not changed.
   *
   * @throws LucidError CANCELLED when `signal` aborts, and what a replayed step raised
   */
  async render(
    entry: DocumentEntry,
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

  /**
   * Caches a step's result and makes sure it has a thumbnail. Never throws: failures are logged
   * and only cost speed.
   */
  async keep(entry: DocumentEntry, stepId: string, image: RawImage): Promise<void> {
    try {
      await this.parts.cache.put(entry.key, stepId, image)
      if (!(await this.parts.histories.readThumb(entry.key, stepId))) {
        await this.parts.histories.writeThumb(entry.key, stepId, await encodeThumb(image))
      }
    } catch (error) {
      this.parts.log('Could not cache a step result', error)
    }
  }

  /**
   * Makes `image` the entry's current result: a new revision, the stale preview dropped, and
   * (unless the entry is ephemeral) its history scheduled to be saved. Never throws.
   */
  show(entry: DocumentEntry, image: RawImage): void {
    entry.current = image
    entry.revision += 1
    entry.preview = undefined
    if (!entry.ephemeral) {
      this.parts.histories.schedule(entry.key, entry.fingerprint, () => entry.history)
    }
  }
}
