import { getPriority } from 'node:os'
import type { ErrorCode } from '../../../../shared/ipc/errors'
import { LucidError } from '../../../../shared/ipc/errors'
import type { RawImage } from '../../raw-image'
import type { JobControl, ModelSource } from '../../runtime/model-runner'

/**
 * Test double of executeJob, built into a worker by the engine tests. Each kind of job
 * exercises one path of the protocol.
 */
export type FakeJob =
  /** `tiles` fake tiles, each blocking the thread for `tileMs` as onnxruntime does. */
  | {
      readonly kind: 'tiles'
      readonly tiles: number
      readonly tileMs: number
      readonly image?: RawImage
    }
  /** `runs` real inferences of a size×size grey tile. */
  | {
      readonly kind: 'infer'
      readonly modelId: string
      readonly size: number
      readonly runs: number
    }
  /** An exception nothing catches: the worker dies. */
  | { readonly kind: 'crash' }
  /** A job that fails with a LucidError. */
  | { readonly kind: 'fail'; readonly code: ErrorCode; readonly message: string }

export interface FakeOutcome {
  readonly tilesRun: number
  /** The job's image with every sample inverted (tiles jobs with an image). */
  readonly image?: RawImage
  /** The last model output (infer jobs). */
  readonly output?: Float32Array
  readonly provider?: string
  /** The worker thread's scheduling priority (infer jobs). */
  readonly priority?: number
}

export async function fakeExecute(
  job: FakeJob,
  models: ModelSource,
  control: JobControl
): Promise<FakeOutcome> {
  switch (job.kind) {
    case 'tiles': {
      const stage = 'Fake tiles'
      control.progress({ tilesDone: 0, tilesTotal: job.tiles, stage })
      for (let done = 1; done <= job.tiles; done++) {
        control.throwIfCancelled()
        blockFor(job.tileMs)
        control.progress({ tilesDone: done, tilesTotal: job.tiles, stage })
      }
      return { tilesRun: job.tiles, ...(job.image ? { image: inverted(job.image) } : {}) }
    }
    case 'infer': {
      const runner = await models.runner(job.modelId)
      const tile = new Float32Array(job.size * job.size * 3).fill(0.5)
      const stage = 'Inferring'
      control.progress({ tilesDone: 0, tilesTotal: job.runs, stage })
      let output: Float32Array = new Float32Array(0)
      for (let done = 1; done <= job.runs; done++) {
        control.throwIfCancelled()
        output = await runner.run(tile, job.size, job.size)
        control.progress({ tilesDone: done, tilesTotal: job.runs, stage })
      }
      return { tilesRun: job.runs, output, provider: runner.provider, priority: getPriority() }
    }
    case 'crash':
      setTimeout(() => {
        throw new Error('boom in the worker')
      }, 0)
      return new Promise<never>(() => undefined)
    case 'fail':
      throw new LucidError(job.code, job.message)
  }
}

/** Keeps the thread busy, as a synchronous onnxruntime run does. */
function blockFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spin
  }
}

function inverted(image: RawImage): RawImage {
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = 255 - (image.data[i] ?? 0)
  return { ...image, data }
}
