import type { EditOperation } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import { isEmptyMask } from '../../shared/domain/mask'
import { rasterizeMask } from '../../shared/domain/mask-raster'
import type { JobProgress } from '../../shared/domain/restoration'
import { LucidError } from '../../shared/ipc/errors'
import type { JobOutcome } from '../engine/ops/job'
import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../engine/raw-image'
import type { EngineHolder } from './engine-holder'

export interface StepRun {
  readonly image: RawImage
  /** How the restoration ran; absent for in-process operations (auto levels). */
  readonly outcome?: JobOutcome
}

export interface StepRunOptions {
  readonly engine: EngineHolder
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: JobProgress) => void
}

/** Whether a step of this operation with this mask is limited to a painted region. */
export function isMaskedStep(operation: EditOperation, mask: Mask | undefined): mask is Mask {
  return operation.op === 'deblur' && mask !== undefined && !isEmptyMask(mask)
}

/**
 * Computes one step's result from its input: auto levels in-process with sharp, the
 * restorations in the inference worker. A masked deblur gets its mask rasterised at the
 * input's full size. Never modifies `input` (the worker receives copies of its pixels).
 *
 * @throws LucidError CANCELLED when `signal` aborts, and whatever the operation raises
 */
export async function runStep(
  input: RawImage,
  operation: EditOperation,
  mask: Mask | undefined,
  options: StepRunOptions
): Promise<StepRun> {
  const { signal, onProgress } = options
  if (signal?.aborted) throw new LucidError('CANCELLED', 'The job was cancelled')
  if (operation.op === 'autoLevels') {
    onProgress?.({ fraction: 0, tilesDone: 0, tilesTotal: 1, etaSeconds: null, stage: 'Adjusting' })
    // sharp's normalise stretches luminance so the percentiles map to black and white,
    // keeping hue; alpha is left alone.
    const image = await toRawImage(
      sharpFromRaw(input).normalise({
        lower: operation.lowerPercentile,
        upper: operation.upperPercentile
      }),
      input.bitDepth
    )
    if (signal?.aborted) throw new LucidError('CANCELLED', 'The job was cancelled')
    return { image }
  }
  const masked = isMaskedStep(operation, mask)
  const outcome = await options.engine.run(
    {
      operation,
      // The engine moves the job's buffers to the worker: hand it copies.
      image: { ...input, data: input.data.slice() },
      ...(masked && {
        mask: {
          data: rasterizeMask(mask, input.width, input.height),
          width: input.width,
          height: input.height,
          channels: 1,
          bitDepth: 8
        }
      })
    },
    { ...(signal && { signal }), ...(onProgress && { onProgress }) }
  )
  return { image: outcome.image, outcome }
}
