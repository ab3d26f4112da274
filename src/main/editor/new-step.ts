import { randomUUID } from 'node:crypto'
import type { EditOperation, Estimate, Step } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import { maskReach } from '../../shared/domain/mask-raster'
import type { JobProgress } from '../../shared/domain/restoration'
import type { RawImage } from '../engine/raw-image'
import type { EngineHolder } from './engine-holder'
import type { Estimator } from './estimator'
import { isMaskedStep, runStep } from './run-step'

/** What running a new operation needs: the engine, the estimator it teaches, and a clock. */
export interface NewStepParts {
  readonly engine: EngineHolder
  readonly estimator: Estimator
  readonly now: () => number
}

/**
 * Runs `operation` on `input` as a new step: computes the result, records how the engine ran
 * (so later estimates learn from it) and builds the step's command record. Touches no history.
 *
 * @param mask the step's mask, only when the step is masked (see isMaskedStep)
 * @throws LucidError CANCELLED when `job.signal` aborts, and whatever the operation raises
 */
export async function runNewStep(
  parts: NewStepParts,
  input: RawImage,
  operation: EditOperation,
  mask: Mask | undefined,
  job: {
    readonly label: string
    readonly signal: AbortSignal
    readonly onProgress: (progress: JobProgress) => void
  }
): Promise<{ step: Step; image: RawImage }> {
  const masked = isMaskedStep(operation, mask)
  const run = await runStep(input, operation, mask, {
    engine: parts.engine,
    signal: job.signal,
    onProgress: job.onProgress
  })
  if (run.outcome) {
    const bounds = masked ? maskReach(mask, input.width, input.height) : null
    await parts.estimator.record(
      operation,
      parts.engine.deviceChoice,
      input.width,
      input.height,
      bounds,
      run.outcome
    )
  }
  const step: Step = {
    id: randomUUID(),
    label: job.label,
    operation,
    masked,
    createdAt: parts.now(),
    width: run.image.width,
    height: run.image.height
  }
  return { step, image: run.image }
}

/**
 * Where `operation` would run on the engine's current device and about how long it would take
 * on `input` (only the mask's reach counts for a masked step).
 *
 * @throws (rejects) what the estimator raises
 */
export function estimateStep(
  parts: Pick<NewStepParts, 'engine' | 'estimator'>,
  input: RawImage,
  operation: EditOperation,
  mask: Mask | undefined
): Promise<Estimate> {
  const bounds = isMaskedStep(operation, mask) ? maskReach(mask, input.width, input.height) : null
  return parts.estimator.estimate(
    operation,
    parts.engine.deviceChoice,
    input.width,
    input.height,
    bounds
  )
}
