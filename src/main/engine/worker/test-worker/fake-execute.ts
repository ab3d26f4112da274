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
      /** A TileGate's buffer: each tile waits for the test to let it through (see TileGate). */
      readonly gate?: SharedArrayBuffer
    }
  /** `runs` real inferences of a size×size grey tile. */
  | {
      readonly kind: 'infer'
      readonly modelId: string
      readonly size: number
      readonly runs: number
      /** One Int32 the worker sets to the inference under way (1-based) and to 0 between them. */
      readonly probe?: SharedArrayBuffer
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
      const gate = job.gate ? new Int32Array(job.gate) : undefined
      for (let done = 1; done <= job.tiles; done++) {
        control.throwIfCancelled()
        // The tile's work: held until the test opens the gate to it, as a long tile would be.
        if (gate) waitForGate(gate, done)
        blockFor(job.tileMs)
        if (gate) Atomics.add(gate, GATE_RAN, 1)
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
      const probe = job.probe ? new Int32Array(job.probe) : undefined
      for (let done = 1; done <= job.runs; done++) {
        control.throwIfCancelled()
        if (probe) Atomics.store(probe, 0, done)
        output = await runner.run(tile, job.size, job.size)
        if (probe) Atomics.store(probe, 0, 0)
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

/** The gate's cells: how many tiles the test has let through, and how many the worker ran. */
const GATE_OPEN = 0
const GATE_RAN = 1

/**
 * A test's hold on a tiles job running in the worker, through shared memory (the worker's
 * thread is busy, so it could not read a message): tile k starts its work only once the test
 * has opened the gate to k tiles, and the worker counts the tiles it finished. Events instead of
 * clocks: what the worker did at a given moment is known, not guessed from how long it takes.
 */
export class TileGate {
  readonly buffer = new SharedArrayBuffer(8)
  private readonly cells = new Int32Array(this.buffer)

  /** Lets the first `tiles` tiles through. */
  open(tiles: number): void {
    Atomics.store(this.cells, GATE_OPEN, tiles)
    Atomics.notify(this.cells, GATE_OPEN)
  }

  /** The tiles the worker has finished so far. */
  ran(): number {
    return Atomics.load(this.cells, GATE_RAN)
  }
}

/** Blocks the worker's thread until the gate lets tile `tile` through. */
function waitForGate(cells: Int32Array, tile: number): void {
  for (;;) {
    const open = Atomics.load(cells, GATE_OPEN)
    if (open >= tile) return
    // Woken by open(); the timeout keeps a worker whose gate no test opens able to terminate.
    Atomics.wait(cells, GATE_OPEN, open, 1_000)
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
