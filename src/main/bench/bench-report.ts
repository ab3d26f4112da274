import type { CpuPeak } from './cpu-peak'

/**
 * The shape of reports/bench/latest.json: everything the Markdown table and the target checks
 * (targets.ts) read. Times are seconds, memory MiB, lag milliseconds.
 */
export interface BenchReport {
  readonly startedAt: string
  readonly finishedAt: string
  readonly quick: boolean
  readonly machine: MachineInfo
  readonly models: readonly ModelResult[]
  readonly e2e: readonly E2eRow[]
  readonly upscalerjs: readonly UpscalerJsRow[]
}

export interface MachineInfo {
  readonly cpu: CpuPeak
  readonly platform: string
  readonly arch: string
  readonly node: string
  readonly onnxruntime: string
  readonly totalMemoryGiB: number
  /** Logical CPUs' 1-minute load average when the run started: a busy machine gives noisy times. */
  readonly loadAverageAtStart: number
}

/** Percentiles of the main thread's event-loop delay (perf_hooks.monitorEventLoopDelay). */
export interface LagStats {
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
}

/** Session creation, each in the same fresh child process (see session-timing.ts). */
export interface SessionTimes {
  /** The first session in a fresh process, graph optimisation 'all' (what the engine does). */
  readonly coldSeconds: number
  /** The same, also writing the optimised graph to disk (optimizedModelFilePath). */
  readonly saveOptimizedSeconds: number
  /** From the saved optimised graph with graph optimisation 'disabled'. */
  readonly cachedSeconds: number
}

export interface ModelRow {
  readonly modelId: string
  readonly task: string
  /** fast / balanced / best for the upscalers; absent for MAXIM. */
  readonly preset?: string
  readonly scale: number
  /** The crop fed to the engine (and to UpscalerJS). */
  readonly input: { readonly path: string; readonly width: number; readonly height: number }
  /** Every timed run's wall seconds on the main thread (job sent → result back). */
  readonly seconds: readonly number[]
  readonly bestSeconds: number
  readonly medianSeconds: number
  /** Tiles the engine reported inferring, and the pixels they held (tile plan, overlap included). */
  readonly tiles: number
  readonly pixelsFed: number
  /** Input megapixels ÷ best seconds. */
  readonly megapixelsPerSecond: number
  /** flopsPerInputPixel × pixelsFed ÷ best seconds. */
  readonly gflopsPerSecond: number
  readonly fractionOfPeak: number
  readonly provider: string
  /** null when the session child failed (see sessionError). */
  readonly session: SessionTimes | null
  readonly sessionError?: string
  /** Peak resident memory of the child that ran the timed jobs (maxRSS). */
  readonly peakRssMiB: number
  /** During the timed runs. */
  readonly eventLoopLag: LagStats
}

/** A model that could not be measured. */
export interface FailedModelRow {
  readonly modelId: string
  readonly error: string
}

export type ModelResult = ModelRow | FailedModelRow

/** Whether a model's row holds measurements rather than an error. */
export function isMeasured(row: ModelResult): row is ModelRow {
  return !('error' in row)
}

export interface E2eRow {
  readonly id: string
  /** For people: "Regional deblur, 512×512 painted in 6000×4000". */
  readonly label: string
  readonly wallSeconds: number
  /** Photo scenarios: the editor's apply alone, and the tiles it inferred. */
  readonly stepSeconds?: number
  /** Photo scenarios: the engine's inference job inside the step (worker-side seconds). */
  readonly jobSeconds?: number
  readonly tiles?: number
  readonly peakRssMiB: number
  readonly eventLoopLag?: LagStats
  /** Batch only. */
  readonly photosPerMinute?: number
  /** What the scenario ran on, e.g. "6000×4000 JPEG, 20 photos of 0.5 MP". */
  readonly detail: string
  /** Regional deblur: the painted square's side. */
  readonly paintedSide?: number
  readonly error?: string
}

/** One backend's UpscalerJS time; seconds null with a lower bound when it timed out. */
export interface UpscalerJsTime {
  readonly seconds: number | null
  readonly lowerBoundSeconds?: number
  readonly note?: string
}

export interface UpscalerJsRow {
  readonly modelId: string
  readonly lucidSeconds: number
  readonly cpu: UpscalerJsTime | null
  readonly wasm: UpscalerJsTime | null
}
