import { describe, expect, it } from 'vitest'
import type { BatchEvent, BatchSummary } from '../../../shared/domain/batch'
import type { BatchAction, BatchRun } from './batch-reducer'
import { baseName, batchReducer, countText, isActive, summaryText } from './batch-reducer'

const ID = '11111111-2222-4333-8444-555555555555'
const OTHER = '99999999-2222-4333-8444-555555555555'

const reduce = (actions: readonly BatchAction[], from: BatchRun | null = null): BatchRun | null =>
  actions.reduce(batchReducer, from)

const event = (e: BatchEvent, batchId = ID): BatchAction => ({ type: 'event', batchId, event: e })

const started = (): BatchRun | null =>
  reduce([
    { type: 'start', label: 'Batch', total: 3 },
    { type: 'started', batchId: ID }
  ])

const summary = (patch: Partial<BatchSummary> = {}): BatchSummary => ({
  state: 'done',
  total: 3,
  done: [
    { index: 0, input: '/p/a.jpg', output: '/o/a.jpg' },
    { index: 2, input: '/p/c.jpg', output: '/o/c.jpg' }
  ],
  failed: [{ index: 1, input: '/p/b.jpg', code: 'CORRUPT_IMAGE', message: 'Not an image' }],
  skipped: [],
  notRun: 0,
  seconds: 4,
  ...patch
})

describe('batch reducer', () => {
  it('starts with the total known and nothing done', () => {
    const run = started()
    expect(run?.batchId).toBe(ID)
    expect(run?.progress).toMatchObject({ total: 3, done: 0, fraction: 0, state: 'running' })
    expect(isActive(run)).toBe(true)
  })

  it('adopts the id of events that arrive before the start call answers', () => {
    const run = reduce([
      { type: 'start', label: 'Enhance', total: 1 },
      event({ type: 'item-start', index: 0, input: '/p/a.jpg' }),
      { type: 'started', batchId: ID }
    ])
    expect(run?.batchId).toBe(ID)
    expect(run?.current).toHaveLength(1)
  })

  it('ignores events of another batch, and everything when nothing runs', () => {
    const run = started()
    expect(batchReducer(run, event({ type: 'item-start', index: 0, input: 'x' }, OTHER))).toBe(run)
    expect(batchReducer(null, event({ type: 'item-start', index: 0, input: 'x' }))).toBeNull()
  })

  it('tracks the photos in flight with their own fraction, in index order', () => {
    const run = reduce(
      [
        event({ type: 'item-start', index: 1, input: '/p/b.jpg' }),
        event({ type: 'item-start', index: 0, input: '/p/a.jpg' }),
        event({
          type: 'item-progress',
          index: 1,
          input: '/p/b.jpg',
          fraction: 0.5,
          stage: 'tile 2'
        }),
        event({ type: 'item-done', index: 0, input: '/p/a.jpg', output: '/o/a.jpg' })
      ],
      started()
    )
    expect(run?.current).toEqual([{ index: 1, input: '/p/b.jpg', fraction: 0.5, stage: 'tile 2' }])
  })

  it('records failures as they happen and takes counts from batch-progress', () => {
    const run = reduce(
      [
        event({ type: 'item-start', index: 1, input: '/p/b.jpg' }),
        event({
          type: 'item-failed',
          index: 1,
          input: '/p/b.jpg',
          code: 'CORRUPT_IMAGE',
          message: 'Not an image'
        }),
        event({
          type: 'batch-progress',
          done: 1,
          failed: 1,
          skipped: 0,
          total: 3,
          fraction: 0.66,
          etaSeconds: 2,
          state: 'running'
        })
      ],
      started()
    )
    expect(run?.current).toEqual([])
    expect(run?.failures.map((f) => f.input)).toEqual(['/p/b.jpg'])
    expect(run?.progress).toMatchObject({ done: 1, failed: 1, fraction: 0.66, etaSeconds: 2 })
    expect(countText(run?.progress ?? started()!.progress)).toBe('2 of 3')
  })

  it('shows pause, resume and cancel at once', () => {
    let run = batchReducer(started(), { type: 'requested', state: 'paused' })
    expect(run?.progress.state).toBe('paused')
    run = batchReducer(run, { type: 'requested', state: 'cancelling' })
    expect(run?.progress.state).toBe('cancelling')
  })

  it('ends with the summary; stays until dismissed and then ignores late events', () => {
    const run = reduce([{ type: 'finished', batchId: ID, summary: summary() }], started())
    expect(isActive(run)).toBe(false)
    expect(run?.progress).toMatchObject({ done: 2, failed: 1, fraction: 1, state: 'done' })
    expect(batchReducer(run, event({ type: 'item-start', index: 0, input: 'x' }))).toBe(run)
    expect(batchReducer(run, { type: 'dismiss' })).toBeNull()
  })

  it('is not dismissed while running; a failed start removes the run', () => {
    const run = started()
    expect(batchReducer(run, { type: 'dismiss' })).toBe(run)
    const starting = batchReducer(null, { type: 'start', label: 'Batch', total: 2 })
    expect(batchReducer(starting, { type: 'start-failed' })).toBeNull()
  })

  it('words the summary, including what a cancel left undone', () => {
    expect(summaryText(summary())).toBe('2 written, 1 failed, 0 skipped')
    expect(summaryText(summary({ state: 'cancelled', notRun: 4 }))).toBe(
      '2 written, 1 failed, 0 skipped, 4 not run (cancelled)'
    )
    expect(baseName('C:\\photos\\b.jpg')).toBe('b.jpg')
    expect(baseName('/p/c.jpg')).toBe('c.jpg')
  })
})
