import { randomUUID } from 'node:crypto'
import type { BatchEvent, BatchOutputSettings, BatchSummary } from '../../shared/domain/batch'
import type { Recipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { EngineHolder } from '../editor/engine-holder'
import type { HistoryStore } from '../editor/history-store'
import type { BatchRun } from './batch-runner'
import { runBatch } from './batch-runner'
import { historyItemProcess } from './history-batch'
import type { PlannedOutput } from './output-plan'
import { planBatch, startRecipeBatch } from './recipe-batch'

export interface BatchManagerParts {
  /** The editor's engine: batches and the editor share one worker, one inference at a time. */
  readonly engine: EngineHolder
  /** The editor's history store (history batches; pending saves are flushed first). */
  readonly histories: Pick<HistoryStore, 'load' | 'flush'>
  /** Photos in flight per batch; default 2 (see BatchRunOptions). */
  readonly concurrency?: number
  readonly log?: (message: string, error: unknown) => void
}

/** What a batch applies: a recipe, or each photo's own saved edit history. */
export type BatchWork =
  { readonly kind: 'recipe'; readonly recipe: Recipe } | { readonly kind: 'history' }

export interface BatchRequest {
  /** Absolute photo paths, in batch order. */
  readonly inputs: readonly string[]
  readonly work: BatchWork
  readonly output: BatchOutputSettings
  /** Each result beside its input; `output.folder` is then ignored. */
  readonly besideInputs?: boolean
  /** Every runner event, in order (to the window that started the batch). */
  readonly onEvent: (batchId: string, event: BatchEvent) => void
  /** Once, at the end (after `cleanup`). */
  readonly onFinished: (batchId: string, summary: BatchSummary) => void
  /** Runs when the batch has finished, or failed to start (e.g. removes imported copies). */
  readonly cleanup?: () => Promise<void>
}

/**
 * The app's running batches, by id: starts them on the editor's engine, forwards their events,
 * and pauses, resumes or cancels them. A finished batch is forgotten (pause, resume and cancel
 * then do nothing).
 */
export class BatchManager {
  private readonly running = new Map<string, BatchRun<PlannedOutput>>()
  private readonly ended = new Set<string>()
  private readonly settled = new Set<Promise<void>>()

  constructor(private readonly parts: BatchManagerParts) {}

  /**
   * Plans the outputs and starts the batch; events flow from the next microtask on (so the
   * first ones may reach a window before this call's reply does).
   *
   * @returns the batch id
   * @throws LucidError INVALID_ARGUMENT for a bad name template, WRITE_FAILED when the output
   *   folder cannot be created
   */
  async start(request: BatchRequest): Promise<string> {
    const batchId = randomUUID()
    const onEvent = (event: BatchEvent): void => request.onEvent(batchId, event)
    const concurrency = this.parts.concurrency
    let run: BatchRun<PlannedOutput>
    try {
      if (request.work.kind === 'recipe') {
        run = await startRecipeBatch({
          runner: this.parts.engine,
          inputs: request.inputs,
          recipe: request.work.recipe,
          output: request.output,
          besideInputs: request.besideInputs ?? false,
          onEvent,
          ...(concurrency === undefined ? {} : { concurrency })
        })
      } else {
        // Steps the editor applied a moment ago may still wait for their debounced save.
        await this.parts.histories.flush()
        const plan = await planBatch(request.inputs, request.output, request.besideInputs ?? false)
        run = runBatch({
          items: plan,
          process: historyItemProcess(this.parts, request.output),
          onEvent,
          ...(concurrency === undefined ? {} : { concurrency })
        })
      }
    } catch (error) {
      await request.cleanup?.().catch((e: unknown) => this.log('Batch clean-up failed', e))
      throw error
    }
    this.running.set(batchId, run)
    const settled = run.result.then(async (summary) => {
      this.running.delete(batchId)
      this.ended.add(batchId)
      await request.cleanup?.().catch((e: unknown) => this.log('Batch clean-up failed', e))
      request.onFinished(batchId, summary)
    })
    this.settled.add(settled)
    void settled.finally(() => this.settled.delete(settled))
    return batchId
  }

  /** No new photo starts; the ones in flight finish. @throws LucidError NOT_FOUND */
  pause(batchId: string): void {
    this.find(batchId)?.pause()
  }

  /** @throws LucidError NOT_FOUND */
  resume(batchId: string): void {
    this.find(batchId)?.resume()
  }

  /** Stops the batch; photos in flight are aborted and leave no file. @throws LucidError NOT_FOUND */
  cancel(batchId: string): void {
    this.find(batchId)?.cancel()
  }

  /** Cancels every running batch and waits until each has stopped and reported its end. */
  async close(): Promise<void> {
    for (const run of this.running.values()) run.cancel()
    await Promise.all([...this.settled])
  }

  /** The running batch; undefined for one that has finished; NOT_FOUND for an unknown id. */
  private find(batchId: string): BatchRun<PlannedOutput> | undefined {
    const run = this.running.get(batchId)
    if (!run && !this.ended.has(batchId)) {
      throw new LucidError('NOT_FOUND', 'There is no such batch')
    }
    return run
  }

  private log(message: string, error: unknown): void {
    this.parts.log?.(message, error)
  }
}
