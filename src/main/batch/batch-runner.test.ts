import { describe, expect, it } from 'vitest'
import type { BatchEvent } from '../../shared/domain/batch'
import { BatchEventSchema, BatchSummarySchema } from '../../shared/domain/batch'
import { LucidError } from '../../shared/ipc/errors'
import type { BatchItem, ItemContext, ProcessItem } from './batch-runner'
import { runBatch } from './batch-runner'

const items = (...names: string[]): BatchItem[] => names.map((input) => ({ input }))

/** Lets every pending promise callback and microtask run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface Pending {
  readonly context: ItemContext
  finish(): void
  fail(error: Error): void
}

/**
 * A fake `process` whose items stay in flight until the test finishes or fails them; an item
 * rejects with CANCELLED when its signal aborts, as the engine's jobs do.
 */
function controllable(): {
  process: ProcessItem<BatchItem>
  pending: Map<string, Pending>
  started: string[]
  maxInFlight: () => number
} {
  const pending = new Map<string, Pending>()
  const started: string[] = []
  let max = 0
  const process: ProcessItem<BatchItem> = (item, context) =>
    new Promise((resolve, reject) => {
      started.push(item.input)
      const settle = (): void => {
        pending.delete(item.input)
      }
      pending.set(item.input, {
        context,
        finish: () => {
          settle()
          resolve({ status: 'done', output: `${item.input}.out` })
        },
        fail: (error) => {
          settle()
          reject(error)
        }
      })
      max = Math.max(max, pending.size)
      context.signal.addEventListener('abort', () => {
        settle()
        reject(new LucidError('CANCELLED', 'The job was cancelled'))
      })
    })
  return { process, pending, started, maxInFlight: () => max }
}

async function finish(fake: ReturnType<typeof controllable>, input: string): Promise<void> {
  const item = fake.pending.get(input)
  if (!item) throw new Error(`${input} is not in flight`)
  item.finish()
  await flush()
}

describe('runBatch', () => {
  it('never has more items in flight than its concurrency, and runs them all', async () => {
    const fake = controllable()
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const run = runBatch({ items: items(...names), process: fake.process, concurrency: 3 })
    await flush()
    expect(fake.started).toEqual(['a', 'b', 'c'])
    // Finish them out of order, one at a time: each slot freed lets exactly one more start.
    for (const name of ['b', 'a', 'd', 'c', 'e', 'g', 'f']) {
      await finish(fake, name)
      expect(fake.pending.size).toBeLessThanOrEqual(3)
    }
    const summary = await run.result
    expect(fake.maxInFlight()).toBe(3)
    expect(summary.state).toBe('done')
    expect(summary.done.map((d) => d.input)).toEqual(names)
    expect(summary.failed).toEqual([])
  })

  it('defaults to two in flight', async () => {
    const fake = controllable()
    const run = runBatch({ items: items('a', 'b', 'c'), process: fake.process })
    await flush()
    expect(fake.started).toEqual(['a', 'b'])
    run.cancel()
    await run.result
  })

  it('holds to the limit with items of random length', async () => {
    let inFlight = 0
    let max = 0
    const run = runBatch({
      items: items(...Array.from({ length: 20 }, (_, i) => `p${i}`)),
      concurrency: 2,
      process: async (item) => {
        inFlight += 1
        max = Math.max(max, inFlight)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
        inFlight -= 1
        return { status: 'done', output: item.input }
      }
    })
    const summary = await run.result
    expect(max).toBe(2)
    expect(summary.done).toHaveLength(20)
  })

  it('records a failing item and goes on: the items after it still run and succeed', async () => {
    const events: BatchEvent[] = []
    const run = runBatch({
      items: items('a', 'bad', 'worse', 'd', 'e'),
      concurrency: 1,
      onEvent: (event) => events.push(event),
      process: (item) => {
        if (item.input === 'bad') throw new LucidError('CORRUPT_IMAGE', 'bad could not be decoded')
        if (item.input === 'worse') return Promise.reject(new TypeError('boom'))
        return Promise.resolve({ status: 'done', output: `${item.input}.out` })
      }
    })
    const summary = await run.result
    expect(summary.state).toBe('done')
    expect(summary.done.map((d) => d.input)).toEqual(['a', 'd', 'e'])
    expect(summary.failed).toEqual([
      { index: 1, input: 'bad', code: 'CORRUPT_IMAGE', message: 'bad could not be decoded' },
      { index: 2, input: 'worse', code: 'INTERNAL', message: 'boom' }
    ])
    expect(events.filter((e) => e.type === 'item-failed').map((e) => e.input)).toEqual([
      'bad',
      'worse'
    ])
    expect(events.at(-1)).toMatchObject({
      type: 'batch-progress',
      done: 3,
      failed: 2,
      state: 'done'
    })
    // Every event and the summary are plain data that fit their schemas (they will cross IPC).
    for (const event of events) expect(BatchEventSchema.parse(event)).toEqual(event)
    expect(BatchSummarySchema.parse(summary)).toEqual(summary)
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary)
  })

  it('a failure in flight does not disturb the item beside it', async () => {
    const fake = controllable()
    const run = runBatch({ items: items('a', 'b', 'c'), process: fake.process, concurrency: 2 })
    await flush()
    fake.pending.get('a')?.fail(new LucidError('OUT_OF_MEMORY', 'too big'))
    await flush()
    expect(fake.pending.get('b')?.context.signal.aborted).toBe(false)
    await finish(fake, 'b')
    await finish(fake, 'c')
    const summary = await run.result
    expect(summary.done.map((d) => d.input)).toEqual(['b', 'c'])
    expect(summary.failed).toEqual([expect.objectContaining({ input: 'a', code: 'OUT_OF_MEMORY' })])
  })

  it('counts skipped items apart', async () => {
    const run = runBatch({
      items: items('a', 'b'),
      process: (item) =>
        Promise.resolve(
          item.input === 'a'
            ? { status: 'skipped', reason: 'a_lucid.png already exists' }
            : { status: 'done', output: 'b.out' }
        )
    })
    const summary = await run.result
    expect(summary.skipped).toEqual([
      { index: 0, input: 'a', reason: 'a_lucid.png already exists' }
    ])
    expect(summary.done).toEqual([{ index: 1, input: 'b', output: 'b.out' }])
    expect(run.progress()).toMatchObject({ done: 1, skipped: 1, total: 2, fraction: 1 })
  })

  it('pause lets the items in flight finish but starts nothing until resume', async () => {
    const fake = controllable()
    const states: string[] = []
    const run = runBatch({
      items: items('a', 'b', 'c'),
      process: fake.process,
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === 'batch-progress' && states.at(-1) !== e.state) states.push(e.state)
      }
    })
    await flush()
    run.pause()
    await finish(fake, 'a')
    await flush()
    expect(fake.started).toEqual(['a'])
    expect(run.progress()).toMatchObject({ done: 1, state: 'paused' })
    run.resume()
    await flush()
    expect(fake.started).toEqual(['a', 'b'])
    await finish(fake, 'b')
    await finish(fake, 'c')
    expect((await run.result).done).toHaveLength(3)
    expect(states).toEqual(['running', 'paused', 'running', 'done'])
  })

  it('a pause straight after starting keeps every item from starting', async () => {
    const fake = controllable()
    const run = runBatch({ items: items('a', 'b'), process: fake.process })
    run.pause()
    await flush()
    expect(fake.started).toEqual([])
    run.resume()
    await flush()
    expect(fake.started).toEqual(['a', 'b'])
    await finish(fake, 'a')
    await finish(fake, 'b')
    expect((await run.result).state).toBe('done')
  })

  it('cancel aborts the items in flight, starts nothing new and ends cancelled', async () => {
    const fake = controllable()
    const events: BatchEvent[] = []
    const run = runBatch({
      items: items('a', 'b', 'c', 'd', 'e'),
      process: fake.process,
      concurrency: 2,
      onEvent: (e) => events.push(e)
    })
    await flush()
    await finish(fake, 'a')
    const inFlight = [...fake.pending.values()].map((p) => p.context.signal)
    expect(fake.started).toEqual(['a', 'b', 'c'])
    run.cancel()
    expect(run.progress().state).toBe('cancelling')
    expect(inFlight.map((signal) => signal.aborted)).toEqual([true, true])
    const summary = await run.result
    expect(fake.started).toEqual(['a', 'b', 'c'])
    expect(summary).toMatchObject({ state: 'cancelled', total: 5, notRun: 4, failed: [] })
    expect(summary.done.map((d) => d.input)).toEqual(['a'])
    expect(events.filter((e) => e.type === 'item-cancelled').map((e) => e.input)).toEqual([
      'b',
      'c'
    ])
    expect(events.at(-1)).toMatchObject({ type: 'batch-progress', state: 'cancelled' })
  })

  it('cancel while paused with nothing in flight ends at once', async () => {
    const fake = controllable()
    const run = runBatch({ items: items('a', 'b', 'c'), process: fake.process, concurrency: 1 })
    await flush()
    run.pause()
    await finish(fake, 'a')
    run.cancel()
    const summary = await run.result
    expect(summary).toMatchObject({ state: 'cancelled', notRun: 2 })
    expect(fake.started).toEqual(['a'])
  })

  it('an item that finishes although cancelled in flight counts as done', async () => {
    const run = runBatch({
      items: items('a'),
      process: async (item, { signal }) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve))
        return { status: 'done', output: `${item.input}.out` }
      }
    })
    await flush()
    run.cancel()
    expect(await run.result).toMatchObject({ state: 'cancelled', done: [{ input: 'a' }] })
  })

  it('gives an ETA from the measured rate once the first item is done, and it decreases', async () => {
    let now = 0
    const fake = controllable()
    const etas: (number | null)[] = []
    const run = runBatch({
      items: items('a', 'b', 'c', 'd'),
      process: fake.process,
      concurrency: 1,
      now: () => now,
      onEvent: (e) => {
        if (e.type === 'item-done') etas.push(run.progress().etaSeconds)
      }
    })
    await flush()
    now += 5_000
    fake.pending.get('a')?.context.onProgress(0.5, 'Upscaling')
    expect(run.progress().etaSeconds).toBeNull()
    expect(run.progress().fraction).toBeCloseTo(0.5 / 4)
    for (const name of ['a', 'b', 'c', 'd']) {
      now += name === 'a' ? 5_000 : 10_000
      await finish(fake, name)
    }
    await run.result
    expect(etas).toEqual([30, 20, 10, 0])
  })

  it('leaves paused time out of the rate', async () => {
    let now = 0
    const fake = controllable()
    const run = runBatch({
      items: items('a', 'b', 'c'),
      process: fake.process,
      concurrency: 1,
      now: () => now
    })
    await flush()
    now += 10_000
    run.pause()
    await finish(fake, 'a')
    now += 60_000
    run.resume()
    await flush()
    expect(run.progress().etaSeconds).toBe(20)
    run.cancel()
    await run.result
  })

  it('item progress moves the batch fraction', async () => {
    const fake = controllable()
    const fractions: number[] = []
    const run = runBatch({
      items: items('a', 'b'),
      process: fake.process,
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === 'item-progress') fractions.push(e.fraction)
      }
    })
    await flush()
    fake.pending.get('a')?.context.onProgress(0.25, 'Loading model')
    fake.pending.get('a')?.context.onProgress(2)
    expect(fractions).toEqual([0.25, 1])
    expect(run.progress().fraction).toBeCloseTo(0.5)
    await finish(fake, 'a')
    expect(run.progress().fraction).toBeCloseTo(0.5)
    await finish(fake, 'b')
    expect((await run.result).done).toHaveLength(2)
  })

  it('an empty batch is done at once, and a bad concurrency is refused', async () => {
    const run = runBatch({ items: [], process: () => Promise.reject(new Error('never')) })
    expect(await run.result).toMatchObject({ state: 'done', total: 0, notRun: 0 })
    expect(() => runBatch({ items: [], process: noop, concurrency: 0 })).toThrow(
      /Expected positive integer for concurrency but received 0/
    )
  })
})

const noop: ProcessItem<BatchItem> = () => Promise.resolve({ status: 'done', output: '' })
