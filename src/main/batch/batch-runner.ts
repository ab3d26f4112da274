import fastq from 'fastq'
import type {
  BatchDoneItem,
  BatchEvent,
  BatchFailure,
  BatchProgress,
  BatchSkip,
  BatchState,
  BatchSummary
} from '../../shared/domain/batch'
import { LucidError } from '../../shared/ipc/errors'
import { RateClock } from './rate-clock'

/** One photo of a batch; whatever else an item carries is the `process` function's business. */
export interface BatchItem {
  readonly input: string
}

/** What processing one item came to: a written output, or a reason it was left alone. */
export type ItemOutcome =
  | { readonly status: 'done'; readonly output: string }
  | { readonly status: 'skipped'; readonly reason: string }

export interface ItemContext {
  /** Aborts when the batch is cancelled while this item is in flight. */
  readonly signal: AbortSignal
  /** This item's own progress, 0..1, with what it is doing for people. */
  readonly onProgress: (fraction: number, stage?: string) => void
}

export type ProcessItem<T extends BatchItem> = (
  item: T,
  context: ItemContext
) => Promise<ItemOutcome>

export interface BatchRunOptions<T extends BatchItem> {
  readonly items: readonly T[]
  readonly process: ProcessItem<T>
  /**
   * Items in flight at once; default 2, so the next photo decodes while the current one is
   * inferred (the engine runs one inference at a time itself). Measured on 2 cores with
   * `upscale:2:fast`, 8 photos of 480×360, 6 interleaved rounds (runtime/measure/
   * batch-concurrency.ts, load average 6–10): 36.0, 35.4 and 34.8 photos/min at 1, 2 and 3 —
   * equal within noise, as decoding and encoding take a few % of a photo's time and the
   * inference threads already fill both cores. 2 stays: it costs one decoded photo of memory
   * and hides slow-disk reads and writes; 3 only adds memory.
   */
  readonly concurrency?: number
  /** Every event, in order; each is plain data (see BatchEventSchema). */
  readonly onEvent?: (event: BatchEvent) => void
  /** Milliseconds, for the ETA; default performance.now (tests pass a fake clock). */
  readonly now?: () => number
}

interface InFlight {
  readonly controller: AbortController
  fraction: number
}

/**
 * A running batch: items go through `process` with bounded concurrency (a fastq queue). A
 * failing item is recorded and the others go on; pause stops new starts, cancel also aborts
 * the items in flight. `result` settles once, when every item has finished or, after cancel,
 * when the items in flight have stopped; it never rejects.
 */
export class BatchRun<T extends BatchItem> {
  readonly result: Promise<BatchSummary>
  private readonly queue: fastq.queueAsPromised<number>
  private readonly inFlight = new Map<number, InFlight>()
  private readonly done: BatchDoneItem[] = []
  private readonly failed: BatchFailure[] = []
  private readonly skipped: BatchSkip[] = []
  private readonly clock: RateClock
  private state: BatchState = 'running'
  private finish: (summary: BatchSummary) => void = () => undefined

  constructor(private readonly options: BatchRunOptions<T>) {
    const concurrency = options.concurrency ?? 2
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new LucidError(
        'INVALID_ARGUMENT',
        `Expected positive integer for concurrency but received ${String(concurrency)}`
      )
    }
    this.clock = new RateClock(options.now ?? (() => performance.now()))
    this.result = new Promise((resolve) => (this.finish = resolve))
    this.queue = fastq.promise((index: number) => this.runItem(index), concurrency)
    // Items start on the next microtask, so the caller holds the run before the first event
    // (and a pause or cancel straight after runBatch takes effect before anything starts).
    queueMicrotask(() => this.start())
  }

  /** No new item starts; the ones in flight finish. */
  pause(): void {
    if (this.state !== 'running') return
    this.queue.pause()
    this.clock.pause()
    this.setState('paused')
  }

  resume(): void {
    if (this.state !== 'paused') return
    this.clock.resume()
    this.setState('running')
    this.queue.resume()
  }

  /** No new item starts and the items in flight are aborted; `result` says 'cancelled'. */
  cancel(): void {
    if (this.state === 'cancelling' || this.state === 'cancelled' || this.state === 'done') return
    this.queue.kill()
    this.setState('cancelling')
    for (const item of this.inFlight.values()) item.controller.abort()
    this.settleIfFinished()
  }

  progress(): BatchProgress {
    const { total, finished } = this.counts()
    const partial = [...this.inFlight.values()].reduce((sum, item) => sum + item.fraction, 0)
    const processed = this.done.length + this.failed.length
    return {
      done: this.done.length,
      failed: this.failed.length,
      skipped: this.skipped.length,
      total,
      fraction: total === 0 ? 1 : Math.min(1, (finished + partial) / total),
      etaSeconds: this.clock.etaSeconds(processed, total - finished - partial),
      state: this.state
    }
  }

  private start(): void {
    if (this.state === 'cancelled') return
    this.emitProgress()
    for (const index of this.options.items.keys()) void this.queue.push(index)
    this.settleIfFinished()
  }

  private async runItem(index: number): Promise<void> {
    const item = this.options.items[index]
    if (!item || this.state === 'cancelling' || this.state === 'cancelled') return
    const ref = { index, input: item.input }
    const entry: InFlight = { controller: new AbortController(), fraction: 0 }
    this.inFlight.set(index, entry)
    this.emit({ type: 'item-start', ...ref })
    let outcome: ItemOutcome | { readonly status: 'failed'; readonly error: unknown }
    try {
      outcome = await this.options.process(item, {
        signal: entry.controller.signal,
        onProgress: (fraction, stage) => {
          if (!this.inFlight.has(index)) return
          entry.fraction = Math.min(1, Math.max(0, fraction))
          this.emit({
            type: 'item-progress',
            ...ref,
            fraction: entry.fraction,
            ...(stage === undefined ? {} : { stage })
          })
          this.emitProgress()
        }
      })
    } catch (error) {
      outcome = { status: 'failed', error }
    }
    this.inFlight.delete(index)
    this.record(ref, outcome, entry.controller.signal.aborted)
    this.emitProgress()
    this.settleIfFinished()
  }

  private record(
    ref: { readonly index: number; readonly input: string },
    outcome: ItemOutcome | { readonly status: 'failed'; readonly error: unknown },
    aborted: boolean
  ): void {
    switch (outcome.status) {
      case 'done':
        this.done.push({ ...ref, output: outcome.output })
        this.emit({ type: 'item-done', ...ref, output: outcome.output })
        break
      case 'skipped':
        this.skipped.push({ ...ref, reason: outcome.reason })
        this.emit({ type: 'item-skipped', ...ref, reason: outcome.reason })
        break
      case 'failed':
        // An item stopped by cancel is neither done nor failed: it is counted as not run.
        if (aborted) {
          this.emit({ type: 'item-cancelled', ...ref })
        } else {
          const failure = { ...ref, ...errorShape(outcome.error) }
          this.failed.push(failure)
          this.emit({ type: 'item-failed', ...failure })
        }
    }
  }

  /** Ends the run once nothing is left to wait for: every item finished, or cancel settled. */
  private settleIfFinished(): void {
    const { total, finished } = this.counts()
    let end: 'done' | 'cancelled'
    if (this.state === 'cancelling') {
      if (this.inFlight.size > 0) return
      end = 'cancelled'
    } else if (this.state === 'running' || this.state === 'paused') {
      if (finished < total) return
      end = 'done'
    } else {
      return
    }
    this.setState(end)
    this.finish({
      state: end,
      total,
      done: inBatchOrder(this.done),
      failed: inBatchOrder(this.failed),
      skipped: inBatchOrder(this.skipped),
      notRun: total - finished,
      seconds: this.clock.elapsedSeconds()
    })
  }

  private counts(): { total: number; finished: number } {
    const finished = this.done.length + this.failed.length + this.skipped.length
    return { total: this.options.items.length, finished }
  }

  private setState(state: BatchState): void {
    this.state = state
    this.emitProgress()
  }

  private emitProgress(): void {
    this.emit({ type: 'batch-progress', ...this.progress() })
  }

  /**
   * A listener that throws must not corrupt the run's bookkeeping (nor count as the item's
   * failure): its error is rethrown on its own, outside the run.
   */
  private emit(event: BatchEvent): void {
    try {
      this.options.onEvent?.(event)
    } catch (error) {
      queueMicrotask(() => {
        throw error
      })
    }
  }
}

/** Starts a batch at once; see BatchRun. */
export function runBatch<T extends BatchItem>(options: BatchRunOptions<T>): BatchRun<T> {
  return new BatchRun(options)
}

/** The summary lists items in batch order, whichever finished first. */
function inBatchOrder<T extends { readonly index: number }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.index - b.index)
}

/** A LucidError keeps its code; anything else is INTERNAL with its message. */
function errorShape(error: unknown): Pick<BatchFailure, 'code' | 'message'> {
  if (error instanceof LucidError) return error.toShape()
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
