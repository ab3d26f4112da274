import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ModelSource } from '../runtime/model-runner'
import { serveJobs } from './worker-host'

/**
 * The worker's job loop over a MessageChannel, with a stand-in for the models: sessions are
 * released once no job has come for the idle delay, never while one is queued or running.
 */
const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
})

function serve(jobMs: number, idleReleaseMs: number) {
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
  serveJobs(
    async (job: number) => {
      events.push(`start ${job}`)
      await new Promise((resolve) => setTimeout(resolve, jobMs))
      events.push(`end ${job}`)
      return job
    },
    models,
    { port: channel.port2, idleReleaseMs, transferables: () => [] }
  )
  const done: number[] = []
  channel.port1.on('message', (message: { type: string; outcome?: number }) => {
    if (message.type === 'done') done.push(message.outcome ?? -1)
  })
  const run = (job: number): void =>
    channel.port1.postMessage({
      type: 'run',
      jobId: job,
      job,
      cancelFlag: new SharedArrayBuffer(4)
    })
  return { run, events, done, release }
}

describe('serveJobs', () => {
  it('releases the models once no job has come for the idle delay', async () => {
    const worker = serve(5, 300)
    worker.run(1)
    await vi.waitFor(() => expect(worker.done).toEqual([1]), { interval: 5 })
    expect(worker.release).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(worker.release).toHaveBeenCalledTimes(1))
    expect(worker.events).toEqual(['start 1', 'end 1', 'release'])
  })

  it('does not release between jobs that keep coming, nor during a job', async () => {
    const worker = serve(60, 40)
    worker.run(1)
    worker.run(2)
    await vi.waitFor(() => expect(worker.done).toEqual([1, 2]), { timeout: 2000 })
    // Each job outlasts the idle delay, and the queue was never empty in between.
    expect(worker.release).not.toHaveBeenCalled()
    worker.run(3)
    await vi.waitFor(() => expect(worker.release).toHaveBeenCalledTimes(1))
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
