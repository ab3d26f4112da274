import { rm } from 'node:fs/promises'
import { getPriority } from 'node:os'
import { dirname } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { JobProgress } from '../../../shared/domain/restoration'
import type { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import { defaultModelsDir } from '../runtime/models-dir'
import { SessionPool } from '../runtime/session-pool'
import type { EngineOptions } from './engine-client'
import { RestorationEngine } from './engine-client'
import { buildTestWorker } from './test-worker/build-test-worker'
import type { FakeJob, FakeOutcome } from './test-worker/fake-execute'
import { TileGate } from './test-worker/fake-execute'

let workerPath: string
const engines: RestorationEngine<FakeJob, FakeOutcome>[] = []

beforeAll(async () => {
  workerPath = await buildTestWorker()
}, 60_000)

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()))
})

afterAll(async () => {
  await rm(dirname(workerPath), { recursive: true, force: true })
})

function engine(options: EngineOptions = {}): RestorationEngine<FakeJob, FakeOutcome> {
  const created = new RestorationEngine<FakeJob, FakeOutcome>({
    workerPath,
    modelsDir: defaultModelsDir(),
    device: { kind: 'cpu' },
    ...options
  })
  engines.push(created)
  return created
}

async function rejection(promise: Promise<unknown>): Promise<LucidError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as LucidError
  )
}

/**
 * Counts, per inference, the main thread's 10 ms timer callbacks that found it under way: `probe`
 * holds the 1-based inference in progress, 0 between them (the worker or the test sets it).
 */
function inferenceWatch(probe: Int32Array): { stop(): Map<number, number> } {
  const ticks = new Map<number, number>()
  let timer: NodeJS.Timeout
  const tick = (): void => {
    const run = Atomics.load(probe, 0)
    if (run > 0) ticks.set(run, (ticks.get(run) ?? 0) + 1)
    timer = setTimeout(tick, 10)
  }
  timer = setTimeout(tick, 10)
  return {
    stop: () => {
      clearTimeout(timer)
      return ticks
    }
  }
}

const image = (width: number, height: number): RawImage => ({
  data: Uint8Array.from({ length: width * height * 3 }, (_, i) => i % 256),
  width,
  height,
  channels: 3,
  bitDepth: 8
})

describe('RestorationEngine', () => {
  it('streams progress with an ETA from the tile rate, and moves the pixels both ways', async () => {
    const input = image(8, 4)
    const expected = input.data.map((value) => 255 - value)
    const updates: JobProgress[] = []
    // The engine's clock moves 40 ms per report, so the ETA is exact whatever the machine's speed.
    let now = 0
    const outcome = await engine({ now: () => now }).run(
      { kind: 'tiles', tiles: 6, tileMs: 1, image: input },
      {
        onProgress: (progress) => {
          updates.push(progress)
          now += 40
        }
      }
    )
    expect(updates.map((u) => u.tilesDone)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(updates[0]).toMatchObject({ fraction: 0, tilesTotal: 6, etaSeconds: null })
    expect(updates[0]?.stage).toBe('Fake tiles')
    // Two tiles in 80 ms, four to go: 0.16 s.
    expect(updates[2]?.fraction).toBeCloseTo(2 / 6)
    expect(updates[2]?.etaSeconds).toBeCloseTo(0.16, 9)
    expect(updates[6]).toMatchObject({ fraction: 1, etaSeconds: 0 })

    expect(input.data.byteLength).toBe(0) // moved to the worker, not copied
    expect(outcome.tilesRun).toBe(6)
    expect(outcome.image?.data).toEqual(expected)
  })

  it('rejects with CANCELLED as soon as the signal aborts, and the worker stops at its next tile', async () => {
    const lucid = engine()
    const controller = new AbortController()
    const gate = new TileGate()
    gate.open(2)
    let abortSent = false
    let progressAfterAbort = 0
    const running = lucid.run(
      { kind: 'tiles', tiles: 20, tileMs: 0, gate: gate.buffer },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          if (abortSent) progressAfterAbort++
          if (progress.tilesDone === 2) {
            abortSent = true
            controller.abort()
          }
        }
      }
    )
    // The gate holds the worker inside its third tile until after the rejection: the rejection
    // cannot have waited for the worker's next tile.
    const error = await rejection(running)
    expect(error.code).toBe('CANCELLED')
    expect(gate.ran()).toBe(2)
    gate.open(20)

    // The worker runs jobs in order, so this one starts once the cancelled job has stopped.
    const next = await lucid.run({ kind: 'tiles', tiles: 2, tileMs: 0 })
    expect(next.tilesRun).toBe(2)
    // It finished the tile it was in (or stopped before it) and ran none of the other 17.
    expect(gate.ran()).toBeLessThanOrEqual(3)
    expect(progressAfterAbort).toBe(0)

    const aborted = AbortSignal.abort()
    expect((await rejection(lucid.run({ kind: 'crash' }, { signal: aborted }))).code).toBe(
      'CANCELLED'
    )
  })

  it('turns a worker crash into INTERNAL and runs the next job in a new worker', async () => {
    const lucid = engine()
    const crash = await rejection(lucid.run({ kind: 'crash' }))
    expect(crash.code).toBe('INTERNAL')
    expect(crash.message).toContain('boom in the worker')
    expect((await lucid.run({ kind: 'tiles', tiles: 1, tileMs: 1 })).tilesRun).toBe(1)
  })

  it("passes a job's own error code across the thread", async () => {
    const lucid = engine()
    const oom = await rejection(
      lucid.run({ kind: 'fail', code: 'OUT_OF_MEMORY', message: 'tile too large' })
    )
    expect(oom).toMatchObject({
      name: 'LucidError',
      code: 'OUT_OF_MEMORY',
      message: 'tile too large'
    })
    const missing = await rejection(lucid.run({ kind: 'infer', modelId: 'nope', size: 8, runs: 1 }))
    expect(missing.code).toBe('MODEL_MISSING')
    const unsendable = { kind: 'tiles', tiles: 1, tileMs: 1, onDone: () => undefined }
    expect((await rejection(lucid.run(unsendable as FakeJob))).code).toBe('INVALID_ARGUMENT')
  })

  it('cancels the jobs in flight on close, and starts a new worker on the next run', async () => {
    const lucid = engine()
    // Closed: the worker reports its start, then waits inside its first tile.
    const gate = new TileGate()
    let started!: () => void
    const firstReport = new Promise<void>((resolve) => (started = resolve))
    const running = lucid.run(
      { kind: 'tiles', tiles: 50, tileMs: 0, gate: gate.buffer },
      { onProgress: started }
    )
    const settled = rejection(running)
    await firstReport
    // close() kills a worker that has not stopped after a grace period: with that timer frozen,
    // close() can only return because the worker stopped on its own.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const closing = lucid.close()
      gate.open(50)
      await closing
    } finally {
      vi.useRealTimers()
    }
    // It stopped at its next tile: at most the one it was in, not the 50.
    expect(gate.ran()).toBeLessThanOrEqual(1)
    expect((await settled).code).toBe('CANCELLED')
    expect((await lucid.run({ kind: 'tiles', tiles: 1, tileMs: 1 })).tilesRun).toBe(1)
  })

  it("keeps the main thread's event loop responsive while the worker runs onnxruntime", async () => {
    const probe = new Int32Array(new SharedArrayBuffer(4))
    const job: FakeJob = {
      kind: 'infer',
      modelId: 'esrgan-slim-x2',
      size: 512,
      runs: 4,
      probe: probe.buffer
    }
    const lucid = engine()
    const mainPriority = getPriority()
    const watch = inferenceWatch(probe)
    const outcome = await lucid.run(job)
    const inWorker = watch.stop()
    expect(outcome).toMatchObject({ tilesRun: 4, provider: 'cpu' })
    expect(outcome.output).toHaveLength(1024 * 1024 * 3)
    // The main thread's timers kept firing inside every one of the worker's inferences: at least
    // twice in each, which the control below shows an inference on the main thread never allows.
    // (A 512×512 tile takes hundreds of ms, against 10 ms between ticks; and the worker runs at a
    // lower priority, so a loaded machine slows its inferences before the main thread's timers.)
    expect([...inWorker.keys()].sort()).toEqual([1, 2, 3, 4])
    for (const [run, ticks] of inWorker) expect(ticks, `inference ${run}`).toBeGreaterThanOrEqual(2)
    // Linux: the worker's threads yield to the main thread, whose own priority is untouched.
    expect(getPriority()).toBe(mainPriority)
    if (process.platform === 'linux') expect(outcome.priority).toBeGreaterThan(mainPriority)

    // The control: inference on the main thread blocks it for the whole run, so the check above
    // would fail without the worker. onnxruntime-node starts its run from a setImmediate, so at
    // most one tick can come between setting the probe and the run's start; none during it.
    const pool = new SessionPool({ modelsDir: defaultModelsDir(), device: { kind: 'cpu' } })
    try {
      const runner = await pool.runner('esrgan-slim-x2')
      const tile = new Float32Array(512 * 512 * 3).fill(0.5)
      const inProcess = inferenceWatch(probe)
      Atomics.store(probe, 0, 1)
      await runner.run(tile, 512, 512)
      Atomics.store(probe, 0, 0)
      expect(inProcess.stop().get(1) ?? 0).toBeLessThanOrEqual(1)
    } finally {
      await pool.release()
    }
  }, 60_000)
})
