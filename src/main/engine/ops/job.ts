import type {
  JobProgress,
  ProviderName,
  RestorationOperation
} from '../../../shared/domain/restoration'
import type { RawImage } from '../raw-image'

/** One restoration to run in the inference worker. Nothing in it is modified. */
export interface RestorationJob {
  readonly operation: RestorationOperation
  /** RGB or RGBA (grey images are expanded on load), 8- or 16-bit, sRGB. */
  readonly image: RawImage
  /** Deblur only: 1 channel, 8-bit, the image's size; 255 = apply fully, 0 = leave untouched. */
  readonly mask?: RawImage
  /** Input tile side for the models with dynamic shapes (the CLI's --tile); default: manifest. */
  readonly tileSize?: number
}

/** What a job produced, and where it ran. */
export interface JobOutcome {
  readonly image: RawImage
  /** The execution provider that ran the model(s). */
  readonly provider: ProviderName
  /** Why the preferred provider was not used, when it was not. */
  readonly fallbackReason?: string
  /** Model tiles actually inferred: the cost of the job. */
  readonly tilesInferred: number
  readonly seconds: number
}

/** Runs jobs somewhere (the inference worker, or in-process in tests), cancellable. */
export interface JobRunner {
  run(
    job: RestorationJob,
    options?: {
      readonly signal?: AbortSignal
      readonly onProgress?: (progress: JobProgress) => void
    }
  ): Promise<JobOutcome>
}
