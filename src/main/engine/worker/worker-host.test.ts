import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ModelSource } from '../runtime/model-runner'
import { serveJobs } from './worker-host'

/**
 * The worker's job loop over a MessageChannel, with a stand-in for the models: sessions are
 * released once no job has come for the idle delay, never while one is queued or running.
 * The idle timer runs on fake time and each job lasts until the test finishes it, so what
 * happens when is decided by the test, not by how fast the machine is.
 */
const channels: MessageChannel[] = []
afterEach(() => {
  vi.useRealTimers()
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

interface Deferred {
  readonly promise: Promise<void>
  readonly resolve: () => void
}

function deferred(): Deferred {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

function serve(idleReleaseMs: number) {
  const channel = new MessageChannel()
  channels.push(channel)
  const events: string[] = []
  const release = vi.fn(() => {
    events.push('release')
    return Promise.resolve()
  })
  const models = {
    runner: () => Promise.reject(new Error('unused')),
    cpuRunner: () => Promise.reject(new Error('unused')),
    release
  } as ModelSource & { release(): Promise<void> }
  // Per job: when it started in the worker, and the test's signal for it to end.
  const jobs = new Map<number, { started: Deferred; end: Deferred }>()
  const job = (id: number): { started: Deferred; end: Deferred } => {
    const entry = jobs.get(id) ?? { started: deferred(), end: deferred() }
    jobs.set(id, entry)
    return entry
  }
  serveJobs(
    async (id: number) => {
      events.push(`start ${id}`)
      job(id).started.resolve()
      await job(id).end.promise
      events.push(`end ${id}`)
      return id
    },
    models,
    { port: channel.port2, idleReleaseMs, transferables: () => [] }
  )
  const done = new Map<number, Deferred>()
  const doneOf = (id: number): Deferred => {
    const entry = done.get(id) ?? deferred()
    done.set(id, entry)
    return entry
  }
  channel.port1.on('message', (message: { type: string; outcome?: number }) => {
    if (message.type === 'done') doneOf(message.outcome ?? -1).resolve()
  })
  return {
    run: (id: number): void =>
      channel.port1.postMessage({
        type: 'run',
        jobId: id,
        job: id,
        cancelFlag: new SharedArrayBuffer(4)
      }),
    /** Resolves once the job has started in the worker. */
    started: (id: number): Promise<void> => job(id).started.promise,
    /** Lets the job finish. */
    finish: (id: number): void => job(id).end.resolve(),
    /** Resolves once the job's outcome has come back: the worker has already gone idle then. */
    done: (id: number): Promise<void> => doneOf(id).promise,
    events,
    release
  }
}

/** Moves the fake clock on, then lets what its timers queued (a release) run. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
  await new Promise((resolve) => setImmediate(resolve))
}

describe('serveJobs', () => {
  it('releases the models once no job has come for the idle delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const worker = serve(300)
    worker.run(1)
    await worker.started(1)
    worker.finish(1)
    await worker.done(1)
    expect(worker.release).not.toHaveBeenCalled()
    await advance(299)
    expect(worker.release).not.toHaveBeenCalled()
    await advance(1)
    expect(worker.release).toHaveBeenCalledTimes(1)
    expect(worker.events).toEqual(['start 1', 'end 1', 'release'])
  })

  it('does not release between jobs that keep coming, nor during a job', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const worker = serve(40)
    worker.run(1)
    worker.run(2)
    await worker.started(1)
    // Each job outlasts the idle delay many times over, and the queue is never empty between.
    await advance(400)
    worker.finish(1)
    await worker.started(2)
    await advance(400)
    worker.finish(2)
    await worker.done(2)
    expect(worker.release).not.toHaveBeenCalled()
    // The next job comes before the idle delay is over: still no release.
    await advance(39)
    worker.run(3)
    await worker.started(3)
    await advance(400)
    expect(worker.release).not.toHaveBeenCalled()
    worker.finish(3)
    await worker.done(3)
    await advance(40)
    expect(worker.release).toHaveBeenCalledTimes(1)
    expect(worker.events).toEqual([
      'start 1',
      'end 1',
      'start 2',
      'end 2',
      'start 3',
      'end 3',
      'release'
    ])
  })
})
