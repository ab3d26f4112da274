import { describe, expect, it } from 'vitest'
import type { Step } from '../../shared/domain/document'
import { appliedOperations, canRedo, canUndo, emptyHistory, push, redo, undo } from './history'

const step = (id: string, lower = 1): Step => ({
  id,
  label: id,
  operation: { op: 'autoLevels', lowerPercentile: lower, upperPercentile: 99 },
  createdAt: 0
})

describe('history', () => {
  it('undoes and redoes within bounds', () => {
    const h = push(push(emptyHistory, step('a')), step('b'))
    expect(h.cursor).toBe(2)
    expect(canRedo(h)).toBe(false)
    const back = undo(undo(undo(h)))
    expect(back.cursor).toBe(0)
    expect(canUndo(back)).toBe(false)
    expect(undo(back)).toBe(back)
    expect(redo(back).cursor).toBe(1)
  })

  it('drops the redo branch when a new step follows an undo', () => {
    const h = push(undo(push(push(emptyHistory, step('a')), step('b'))), step('c'))
    expect(h.steps.map((s) => s.id)).toEqual(['a', 'c'])
    expect(canRedo(h)).toBe(false)
  })

  it('lists only applied operations, in order', () => {
    const h = undo(push(push(emptyHistory, step('a', 2)), step('b', 3)))
    expect(appliedOperations(h)).toEqual([
      { op: 'autoLevels', lowerPercentile: 2, upperPercentile: 99 }
    ])
  })
})
