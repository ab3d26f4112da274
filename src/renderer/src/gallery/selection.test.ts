import { describe, expect, it } from 'vitest'
import type { Selection } from './selection'
import {
  EMPTY_SELECTION,
  clickSelection,
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
    const hidden: Selection = { ids: new Set(['z']), anchor: 'z' }
    expect(ids(clickSelection(hidden, order, 'b', { toggle: false, range: true }))).toEqual(['b'])
  })

  it('select all takes the items shown; selectedInOrder keeps the order shown', () => {
    expect(ids(selectAll(['b', 'd']))).toEqual(['b', 'd'])
    const s: Selection = { ids: new Set(['e', 'a', 'z']), anchor: 'e' }
    expect(selectedInOrder(s, order)).toEqual(['a', 'e'])
  })

  it('prunes ids that no longer exist and keeps an unchanged selection identical', () => {
    const s: Selection = { ids: new Set(['a', 'b']), anchor: 'b' }
    const pruned = pruneSelection(s, new Set(['a']))
    expect(ids(pruned)).toEqual(['a'])
    expect(pruned.anchor).toBeNull()
    expect(pruneSelection(s, new Set(order))).toBe(s)
  })
})
