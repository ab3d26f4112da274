import type { RestorationOperation } from '../../shared/domain/restoration'
import type { LagStats, SessionTimes } from './bench-report'

/**
 * What the bench asks a child process to measure. Each measurement runs in a fresh process so
 * that its peak resident memory (maxRSS) is its own and "cold" means a process that has
 * loaded nothing yet.
 */
export type ChildTask = ModelTask | SessionTask | ScenarioTask

export interface ModelTask {
  readonly kind: 'model'
  readonly modelId: string
  readonly operation: RestorationOperation
  /** The crop, an RGB PNG. */
  readonly inputPng: string
  readonly warmups: number
  readonly runs: number
}

export interface SessionTask {
  readonly kind: 'sessions'
  readonly modelId: string
  /** Where the optimised graph is written and read back. */
  readonly scratchDir: string
}

export interface ScenarioTask {
  readonly kind: 'scenario'
  readonly scenario: ScenarioSpec
}

/** The end-to-end scenarios (see e2e-scenarios.ts); paths point at prepared photos. */
export type ScenarioSpec =
  | {
      readonly id: string
      readonly type: 'regional-deblur'
      readonly photo: string
      /** Side of the painted square, centred in the photo. */
      readonly paintedSide: number
      readonly dataDir: string
    }
  | {
      readonly id: string
      readonly type: 'whole-photo'
      readonly photo: string
      readonly operation: RestorationOperation
      readonly dataDir: string
    }
  | {
      readonly id: string
      readonly type: 'batch'
      readonly photos: readonly string[]
      readonly recipe: string
      readonly outputDir: string
    }

export interface ModelMeasurement {
  readonly seconds: readonly number[]
  readonly tiles: number
  readonly provider: string
  readonly width: number
  readonly height: number
  readonly eventLoopLag: LagStats
}

export interface ScenarioMeasurement {
  readonly wallSeconds: number
  /** Photo scenarios: the apply alone (open and close excluded), and the tiles it inferred. */
  readonly stepSeconds?: number
  /** Photo scenarios: the engine job(s) of the step, as the worker timed them. */
  readonly jobSeconds?: number
  readonly tiles?: number
  readonly eventLoopLag: LagStats
  /** Batch: photos written. */
  readonly done?: number
  readonly failed?: number
}

/** What every child writes to its result file: the value, and the process's peak memory. */
export type ChildResult<T> =
  | { readonly ok: true; readonly value: T; readonly maxRssKiB: number }
  | { readonly ok: false; readonly error: string; readonly maxRssKiB: number }

export type ChildValue<K extends ChildTask['kind']> = K extends 'model'
  ? ModelMeasurement
  : K extends 'sessions'
    ? SessionTimes
    : ScenarioMeasurement

/** The environment variables carrying the task and the result file's path. */
export const TASK_ENV = 'LUCID_BENCH_TASK'
export const RESULT_ENV = 'LUCID_BENCH_RESULT'
