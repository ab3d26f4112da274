import { describe, expect, it } from 'vitest'
import type { GridMove, Selection } from './selection'
import {
  EMPTY_SELECTION,
  clickSelection,
  gridMoveOf,
  moveSelection,
  pruneSelection,
  selectAll,
  selectedInOrder
} from './selection'

const order = ['a', 'b', 'c', 'd', 'e']
const plain = { toggle: false, range: false }
const ids = (s: Selection): string[] => [...s.ids].sort()

describe('gallery selection', () => {
  it('a click selects only that item and anchors there', () => {
    const s = clickSelection(selectAll(order), order, 'c', plain)
    expect(ids(s)).toEqual(['c'])
    expect(s.anchor).toBe('c')
  })

  it('Ctrl/Cmd+click toggles one item and keeps the rest', () => {
    let s = clickSelection(EMPTY_SELECTION, order, 'a', plain)
    s = clickSelection(s, order, 'c', { toggle: true, range: false })
    expect(ids(s)).toEqual(['a', 'c'])
    s = clickSelection(s, order, 'a', { toggle: true, range: false })
    expect(ids(s)).toEqual(['c'])
  })

  it('Shift+click selects the range from the anchor in the order shown, either way', () => {
    let s = clickSelection(EMPTY_SELECTION, order, 'b', plain)
    s = clickSelection(s, order, 'd', { toggle: false, range: true })
    expect(ids(s)).toEqual(['b', 'c', 'd'])
    // The anchor stays: a second Shift+click re-ranges from it.
    s = clickSelection(s, order, 'a', { toggle: false, range: true })
    expect(ids(s)).toEqual(['a', 'b'])
  })

  it('uses the current order: a different sort gives a different range', () => {
    const reversed = [...order].reverse()
    let s = clickSelection(EMPTY_SELECTION, reversed, 'e', plain)
    s = clickSelection(s, reversed, 'c', { toggle: false, range: true })
    expect(ids(s)).toEqual(['c', 'd', 'e'])
  })

  it('Ctrl+Shift+click adds the range to the selection', () => {
    let s = clickSelection(EMPTY_SELECTION, order, 'a', plain)
    s = clickSelection(s, order, 'c', { toggle: true, range: false })
    s = clickSelection(s, order, 'e', { toggle: true, range: true })
    expect(ids(s)).toEqual(['a', 'c', 'd', 'e'])
  })

  it('Shift+click without an anchor (or one filtered away) selects just the item', () => {
    expect(
      ids(clickSelection(EMPTY_SELECTION, order, 'c', { toggle: false, range: true }))
    ).toEqual(['c'])
    const hidden: Selection = { ids: new Set(['z']), anchor: 'z', focus: 'z' }
    expect(ids(clickSelection(hidden, order, 'b', { toggle: false, range: true }))).toEqual(['b'])
  })

  it('select all takes the items shown; selectedInOrder keeps the order shown', () => {
    expect(ids(selectAll(['b', 'd']))).toEqual(['b', 'd'])
    const s: Selection = { ids: new Set(['e', 'a', 'z']), anchor: 'e', focus: 'e' }
    expect(selectedInOrder(s, order)).toEqual(['a', 'e'])
  })

  it('prunes ids that no longer exist and keeps an unchanged selection identical', () => {
    const s: Selection = { ids: new Set(['a', 'b']), anchor: 'b', focus: 'b' }
    const pruned = pruneSelection(s, new Set(['a']))
    expect(ids(pruned)).toEqual(['a'])
    expect(pruned.anchor).toBeNull()
    expect(pruneSelection(s, new Set(order))).toBe(s)
  })
})

describe('keyboard moves', () => {
  // 10 items in 4 columns:  a b c d / e f g h / i j
  const items = 'abcdefghij'.split('')
  const grid = { columns: 4, rowsPerPage: 2 }
  const at = (id: string): Selection => clickSelection(EMPTY_SELECTION, items, id, plain)
  const move = (s: Selection, m: GridMove, range = false): Selection =>
    moveSelection(s, items, m, grid, range)

  it('the first move with nothing focused lands on the first item', () => {
    const s = move(EMPTY_SELECTION, 'down')
    expect(ids(s)).toEqual(['a'])
    expect(s.focus).toBe('a')
  })

  it('arrows move one item or one row, keeping the column, and stop at the ends', () => {
    expect(ids(move(at('f'), 'right'))).toEqual(['g'])
    expect(ids(move(at('f'), 'left'))).toEqual(['e'])
    expect(ids(move(at('f'), 'up'))).toEqual(['b'])
    expect(ids(move(at('f'), 'down'))).toEqual(['j'])
    expect(ids(move(at('b'), 'up'))).toEqual(['b'])
    expect(ids(move(at('a'), 'left'))).toEqual(['a'])
    expect(ids(move(at('j'), 'right'))).toEqual(['j'])
    expect(ids(move(at('i'), 'down'))).toEqual(['i'])
  })

  it('down from above a shorter last row goes to the last item', () => {
    expect(ids(move(at('h'), 'down'))).toEqual(['j'])
  })

  it('Home, End and the page keys', () => {
    expect(ids(move(at('g'), 'home'))).toEqual(['a'])
    expect(ids(move(at('c'), 'end'))).toEqual(['j'])
    expect(ids(move(at('b'), 'pageDown'))).toEqual(['j'])
    expect(ids(move(at('a'), 'pageDown'))).toEqual(['i'])
    expect(ids(move(at('j'), 'pageUp'))).toEqual(['b'])
    expect(ids(move(at('f'), 'pageUp'))).toEqual(['b'])
  })

  it('Shift extends the range from the anchor, and shrinks it moving back', () => {
    let s = move(at('b'), 'right', true)
    s = move(s, 'down', true)
    expect(ids(s)).toEqual(['b', 'c', 'd', 'e', 'f', 'g'])
    expect(s.anchor).toBe('b')
    expect(s.focus).toBe('g')
    s = move(s, 'up', true)
    expect(ids(s)).toEqual(['b', 'c'])
    s = move(s, 'left', false)
    expect(ids(s)).toEqual(['b'])
    expect(s.anchor).toBe('b')
  })

  it('follows the order shown and restarts when the focus was filtered away', () => {
    const shown = ['c', 'a', 'b']
    const s = clickSelection(EMPTY_SELECTION, shown, 'a', plain)
    expect(ids(moveSelection(s, shown, 'right', grid, false))).toEqual(['b'])
    expect(ids(moveSelection(s, ['x', 'y'], 'right', grid, false))).toEqual(['x'])
    expect(moveSelection(s, [], 'right', grid, false)).toBe(s)
  })

  it('maps the navigation keys and nothing else', () => {
    expect(gridMoveOf('ArrowUp')).toBe('up')
    expect(gridMoveOf('End')).toBe('end')
    expect(gridMoveOf('a')).toBeNull()
    expect(gridMoveOf('Enter')).toBeNull()
  })
})
