import { describe, expect, it } from 'vitest'
import type { ChildReport } from './child-protocol'
import { checkReload } from './history-check'

const reports: ChildReport[] = [
  { type: 'ready', t: 0 },
  { type: 'next', action: 'apply', cursor: 1 },
  { type: 'state', t: 100, ids: ['a'], cursor: 1 },
  { type: 'next', action: 'apply', cursor: 2 },
  { type: 'state', t: 1500, ids: ['a', 'b'], cursor: 2 },
  { type: 'next', action: 'undo', cursor: 1 },
  { type: 'state', t: 2100, ids: ['a', 'b'], cursor: 1 },
  { type: 'next', action: 'apply', cursor: 2 }
]

describe('checkReload', () => {
  it('accepts the last reported state and anything less than a second old', () => {
    expect(checkReload({ ids: ['a', 'b'], cursor: 1 }, reports, 2200).problems).toEqual([])
    expect(checkReload({ ids: ['a', 'b'], cursor: 2 }, reports, 2200)).toEqual({
      problems: [],
      lostMs: 100
    })
  })

  it('accepts the state the announced edit makes, saved before it was reported', () => {
    expect(checkReload({ ids: ['a', 'new'], cursor: 2 }, reports, 2200).problems).toEqual([])
  })

  it('rejects losing an edit reported more than a second before the kill', () => {
    const verdict = checkReload({ ids: ['a'], cursor: 1 }, reports, 2600)
    expect(verdict.problems).toEqual([
      'reloaded state 1 of 4, but state 2 was reported 1000 ms before the kill'
    ])
  })

  it('rejects an empty reload once edits are older than a second', () => {
    expect(checkReload(null, reports, 1200).problems).toHaveLength(1)
    expect(checkReload(null, reports, 900).problems).toEqual([])
  })

  it('rejects a history the child never had', () => {
    expect(checkReload({ ids: ['b', 'a'], cursor: 2 }, reports, 2200).problems[0]).toMatch(
      /never had/
    )
    expect(checkReload({ ids: ['a'], cursor: 2 }, reports, 2200).problems).toContain(
      'cursor 2 past the last step'
    )
  })
})
