import type { ModelEntry } from '../../../shared/domain/model-manifest'
import type { ProviderName } from '../../../shared/domain/restoration'

/**
 * The seam between the operations (which tile images and blend results) and onnxruntime
 * (which runs one tensor). Operations and tiling only see these interfaces, so they run the
 * same in the inference worker, in tests and in the CLI.
 */

/** One loaded model on one execution provider. */
export interface ModelRunner {
  readonly entry: ModelEntry
  /** The provider that actually runs this model. */
  readonly provider: ProviderName
  /** Why a provider earlier in the preference list was not used (absent when the first one was). */
  readonly fallbackReason?: string
  /**
   * Runs one NHWC float32 RGB tile (values in the model's input range, 0..1 for all of ours)
   * and returns the NHWC output, (height·scale) × (width·scale) × 3.
   *
   * @throws LucidError OUT_OF_MEMORY when the provider ran out of memory (the caller may retry
   *   with smaller tiles or on the CPU), INFERENCE_FAILED for anything else
   */
  run(tile: Float32Array, height: number, width: number): Promise<Float32Array>
}

/** Hands out runners, creating each session on first use and reusing it after. */
export interface ModelSource {
  /** @throws LucidError MODEL_MISSING when the model file is absent or does not match the manifest */
  runner(modelId: string): Promise<ModelRunner>
  /** The same model on the CPU provider: the last resort after a GPU failure. */
  cpuRunner(modelId: string): Promise<ModelRunner>
}

/** How a running job reports progress and learns it was cancelled. */
export interface JobControl {
  /** @throws LucidError CANCELLED once the job has been cancelled */
  throwIfCancelled(): void
  /** Reports tiles done of total within the current stage (the caller computes ETA). */
  progress(update: {
    readonly tilesDone: number
    readonly tilesTotal: number
    readonly stage: string
  }): void
}

/** A JobControl that never cancels and ignores progress, for callers that need neither. */
export const silentControl: JobControl = {
  throwIfCancelled: () => undefined,
  progress: () => undefined
}
