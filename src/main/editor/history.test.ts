import { describe, expect, it } from 'vitest'
import type { Step } from '../../shared/domain/document'
import { canRedo, canUndo, emptyHistory, jumpTo, push, redo, redoBranch, undo } from './history'

const step = (id: string): Step => ({
  id,
  label: id,
  operation: { op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 },
  masked: false,
  createdAt: 0,
  width: 4,
  height: 4
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
    const undone = undo(push(push(emptyHistory, step('a')), step('b')))
    expect(redoBranch(undone).map((s) => s.id)).toEqual(['b'])
    const h = push(undone, step('c'))
    expect(h.steps.map((s) => s.id)).toEqual(['a', 'c'])
    expect(canRedo(h)).toBe(false)
  })

  it('jumps to any step, and refuses a cursor past the end', () => {
    const h = push(push(push(emptyHistory, step('a')), step('b')), step('c'))
    expect(jumpTo(h, 1).cursor).toBe(1)
    expect(jumpTo(h, 3)).toBe(h)
    expect(() => jumpTo(h, 4)).toThrow(/between 0 and 3/)
  })
})
