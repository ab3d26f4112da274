import type { JobProgress as ProgressEvent } from '../../shared/domain/document'
import type { JobProgress } from '../../shared/domain/restoration'

/** Receives a document's job:progress events. */
export type ProgressSink = (event: ProgressEvent) => void

export interface ProgressReporter {
  /** Forwards one engine report. */
  readonly progress: (progress: JobProgress) => void
  /** The final event: fraction 1, done, no longer cancellable. */
  readonly done: (stage: string) => void
}

/**
 * Turns the engine's progress reports for one job into job:progress events for the renderer:
 * the step's label, the stage, tiles, ETA, and that edit:cancel can stop it.
 */
export function progressReporter(
  docId: string,
  label: string,
  sink: ProgressSink | undefined
): ProgressReporter {
  let last: JobProgress = {
    fraction: 0,
    tilesDone: 0,
    tilesTotal: 0,
    etaSeconds: null,
    stage: 'Starting'
  }
  const send = (progress: JobProgress, done: boolean): void => {
    sink?.({
      docId,
      label,
      stage: progress.stage,
      fraction: Math.min(1, Math.max(0, progress.fraction)),
      tilesDone: progress.tilesDone,
      tilesTotal: progress.tilesTotal,
      etaSeconds: progress.etaSeconds === null ? null : Math.max(0, progress.etaSeconds),
      cancellable: !done,
      done
    })
  }
  send(last, false)
  return {
    progress: (progress) => {
      last = progress
      send(progress, false)
    },
    done: (stage) => send({ ...last, stage, fraction: 1, etaSeconds: 0 }, true)
  }
}
