import type { JobProgress } from '../../../shared/domain/restoration'

/** What the worker reports: tiles done of total within the current stage. */
export interface RawProgress {
  readonly tilesDone: number
  readonly tilesTotal: number
  readonly stage: string
}

/**
 * Turns the worker's raw tile counts into JobProgress with an ETA from the measured tile rate.
 * Each stage (loading a model, one pass of a model) is timed on its own, from its first report,
 * so the seconds spent loading a model do not count as tile time. Executors report 0/N as a
 * stage starts, so its first tile is timed too.
 *
 * `fraction` is that of the current stage: the worker's reports do not say how many stages
 * follow, so a multi-stage job's bar restarts per stage, with the stage named beside it.
 */
export class ProgressTracker {
  private stage:
    | { name: string; total: number; startedAt: number; startDone: number; lastDone: number }
    | undefined

  constructor(private readonly now: () => number = () => performance.now()) {}

  update(raw: RawProgress): JobProgress {
    const time = this.now()
    const total = raw.tilesTotal
    const done = Math.min(raw.tilesDone, total)
    // A new name, a new total or a count going backwards: the next pass of a multi-pass job.
    let stage = this.stage
    if (!stage || stage.name !== raw.stage || stage.total !== total || done < stage.lastDone) {
      stage = { name: raw.stage, total, startedAt: time, startDone: done, lastDone: done }
      this.stage = stage
    }
    stage.lastDone = done
    const { startDone, startedAt } = stage
    const timed = done - startDone
    const etaSeconds = timed > 0 ? ((total - done) * (time - startedAt)) / timed / 1000 : null
    return {
      fraction: total > 0 ? done / total : 0,
      tilesDone: done,
      tilesTotal: total,
      etaSeconds,
      stage: raw.stage
    }
  }
}
