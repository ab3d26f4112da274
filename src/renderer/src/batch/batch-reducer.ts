import type {
  BatchEvent,
  BatchFailure,
  BatchProgress,
  BatchState,
  BatchSummary
} from '../../../shared/domain/batch'

/**
 * The batch panel's state, fed by batch:event and batch:finished. One batch is shown at a
 * time; events of any other batch are ignored. Main may send the first events before
 * batch:start (or enhance:*) has answered with the id, so a run that is still starting adopts
 * the id of the first event it sees.
 */
export interface CurrentItem {
  readonly index: number
  readonly input: string
  readonly fraction: number
  readonly stage?: string
}

export interface BatchRun {
  /** Null until main has answered or the first event has arrived. */
  readonly batchId: string | null
  /** "Batch" or "Enhance": what the panel calls it. */
  readonly label: string
  readonly progress: BatchProgress
  /** The photos in flight, by index. */
  readonly current: readonly CurrentItem[]
  /** Failures so far (the summary has the final list). */
  readonly failures: readonly BatchFailure[]
  readonly summary: BatchSummary | null
}

export type BatchAction =
  | { readonly type: 'start'; readonly label: string; readonly total: number }
  | { readonly type: 'started'; readonly batchId: string }
  /** The start call failed: there is no batch to show. */
  | { readonly type: 'start-failed' }
  | { readonly type: 'event'; readonly batchId: string; readonly event: BatchEvent }
  | { readonly type: 'finished'; readonly batchId: string; readonly summary: BatchSummary }
  /** Pause, resume or cancel was asked for: shown at once, main's next progress confirms it. */
  | {
      readonly type: 'requested'
      readonly state: Extract<BatchState, 'paused' | 'running' | 'cancelling'>
    }
  | { readonly type: 'dismiss' }

export function initialProgress(total: number): BatchProgress {
  return {
    done: 0,
    failed: 0,
    skipped: 0,
    total,
    fraction: 0,
    etaSeconds: null,
    state: 'running'
  }
}

/** Whether the run is still going (the panel shows controls rather than a summary). */
export function isActive(run: BatchRun | null): boolean {
  return run !== null && run.summary === null
}

export function batchReducer(run: BatchRun | null, action: BatchAction): BatchRun | null {
  switch (action.type) {
    case 'start':
      return {
        batchId: null,
        label: action.label,
        progress: initialProgress(action.total),
        current: [],
        failures: [],
        summary: null
      }
    case 'started':
      if (!run || (run.batchId !== null && run.batchId !== action.batchId)) return run
      return run.batchId === action.batchId ? run : { ...run, batchId: action.batchId }
    case 'start-failed':
      return run && run.batchId === null ? null : run
    case 'dismiss':
      return run && run.summary !== null ? null : run
    case 'requested':
      if (!isActive(run) || !run) return run
      return { ...run, progress: { ...run.progress, state: action.state } }
    case 'event': {
      const own = adopt(run, action.batchId)
      return own ? applyEvent(own, action.event) : run
    }
    case 'finished': {
      const own = adopt(run, action.batchId)
      if (!own) return run
      const { summary } = action
      const progress: BatchProgress = {
        ...own.progress,
        done: summary.done.length,
        failed: summary.failed.length,
        skipped: summary.skipped.length,
        total: summary.total,
        fraction: summary.state === 'done' ? 1 : own.progress.fraction,
        etaSeconds: null,
        state: summary.state
      }
      return { ...own, progress, current: [], failures: summary.failed, summary }
    }
  }
}

/** The run if the id is its batch's (adopting it while the run is starting), else null. */
function adopt(run: BatchRun | null, batchId: string): BatchRun | null {
  if (!run || run.summary !== null) return null
  if (run.batchId === null) return { ...run, batchId }
  return run.batchId === batchId ? run : null
}

function applyEvent(run: BatchRun, event: BatchEvent): BatchRun {
  switch (event.type) {
    case 'item-start':
      return {
        ...run,
        current: upsert(run.current, { index: event.index, input: event.input, fraction: 0 })
      }
    case 'item-progress':
      return {
        ...run,
        current: upsert(run.current, {
          index: event.index,
          input: event.input,
          fraction: event.fraction,
          ...(event.stage === undefined ? {} : { stage: event.stage })
        })
      }
    case 'item-done':
    case 'item-skipped':
    case 'item-cancelled':
      return { ...run, current: without(run.current, event.index) }
    case 'item-failed': {
      const failure: BatchFailure = {
        index: event.index,
        input: event.input,
        code: event.code,
        message: event.message
      }
      return {
        ...run,
        current: without(run.current, event.index),
        failures: [...run.failures, failure]
      }
    }
    case 'batch-progress': {
      const progress: BatchProgress = {
        done: event.done,
        failed: event.failed,
        skipped: event.skipped,
        total: event.total,
        fraction: event.fraction,
        etaSeconds: event.etaSeconds,
        state: event.state
      }
      return { ...run, progress }
    }
  }
}

function upsert(current: readonly CurrentItem[], item: CurrentItem): CurrentItem[] {
  return [...current.filter((c) => c.index !== item.index), item].sort((a, b) => a.index - b.index)
}

function without(current: readonly CurrentItem[], index: number): CurrentItem[] {
  return current.filter((c) => c.index !== index)
}

/** The file name of a path, either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] ?? path
}

/** "12 written, 1 failed, 0 skipped", plus what a cancel left undone. */
export function summaryText(summary: BatchSummary): string {
  const parts = [
    `${summary.done.length} written`,
    `${summary.failed.length} failed`,
    `${summary.skipped.length} skipped`
  ]
  if (summary.state === 'cancelled') parts.push(`${summary.notRun} not run (cancelled)`)
  return parts.join(', ')
}

/** "3 of 12" — photos finished in any way (written, failed or skipped). */
export function countText(progress: BatchProgress): string {
  const finished = progress.done + progress.failed + progress.skipped
  return `${finished} of ${progress.total}`
}
