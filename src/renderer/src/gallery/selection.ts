/**
 * Gallery selection as file managers do it: click selects one, Ctrl/Cmd+click toggles one,
 * Shift+click selects the range from the anchor in the order on screen (sorted and filtered);
 * the arrow keys, Home/End and Page Up/Down move from the focused item, Shift extending the
 * range. Pure: the store keeps the value, components pass the order they show.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>
  /** Where a Shift+click range starts: the last item clicked without Shift. */
  readonly anchor: string | null
  /** Where the keyboard moves from: the last item clicked or moved to. */
  readonly focus: string | null
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null }

export interface ClickModifiers {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  readonly toggle: boolean
  readonly range: boolean
}

/** The selection after a click on `id`, with `order` the item ids as shown. */
export function clickSelection(
  selection: Selection,
  order: readonly string[],
  id: string,
  modifiers: ClickModifiers
): Selection {
  if (modifiers.range) {
    const anchor =
      selection.anchor !== null && order.includes(selection.anchor) ? selection.anchor : id
    const from = order.indexOf(anchor)
    const to = order.indexOf(id)
    if (to < 0) return selection
    const range = order.slice(Math.min(from, to), Math.max(from, to) + 1)
    // Ctrl+Shift adds the range to what was selected; Shift alone replaces it.
    const ids = modifiers.toggle ? new Set([...selection.ids, ...range]) : new Set(range)
    return { ids, anchor, focus: id }
  }
  if (modifiers.toggle) {
    const ids = new Set(selection.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { ids, anchor: id, focus: id }
  }
  return { ids: new Set([id]), anchor: id, focus: id }
}

/** A keyboard move through the grid, in items. */
export type GridMove = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end'

export interface GridShape {
  readonly columns: number
  /** Whole rows on screen: how far Page Up/Down go. */
  readonly rowsPerPage: number
}

/**
 * The selection after a keyboard move from the focused item (the first item when nothing is
 * focused or the focus was filtered away, and the move then just lands there). Plain moves
 * select the item moved to; with `range` (Shift) the range runs from the anchor to it, as a
 * Shift+click would. Moves stop at the ends of the grid; up and down keep the column.
 */
export function moveSelection(
  selection: Selection,
  order: readonly string[],
  move: GridMove,
  grid: GridShape,
  range: boolean
): Selection {
  if (order.length === 0) return selection
  const from = selection.focus === null ? -1 : order.indexOf(selection.focus)
  const target = from < 0 ? 0 : clamp(from + step(move, from, order.length, grid), order.length)
  const id = order[target] ?? ''
  return clickSelection(selection, order, id, { toggle: false, range })
}

function step(move: GridMove, from: number, count: number, grid: GridShape): number {
  const columns = Math.max(1, grid.columns)
  const page = columns * Math.max(1, grid.rowsPerPage)
  switch (move) {
    case 'left':
      return -1
    case 'right':
      return 1
    case 'up':
      return from - columns >= 0 ? -columns : 0
    case 'down': {
      if (from + columns < count) return columns
      // From the row above a shorter last row: to the last item, as file managers do.
      const lastRow = Math.floor((count - 1) / columns)
      return Math.floor(from / columns) < lastRow ? count - 1 - from : 0
    }
    case 'pageUp':
      return -Math.min(page, Math.floor(from / columns) * columns)
    case 'pageDown':
      return Math.min(page, count - 1 - from)
    case 'home':
      return -from
    case 'end':
      return count - 1 - from
  }
}

const clamp = (index: number, count: number): number => Math.max(0, Math.min(count - 1, index))

/** The move a key stands for in the grid; null for other keys. */
export function gridMoveOf(key: string): GridMove | null {
  const moves: Readonly<Record<string, GridMove>> = {
    ArrowLeft: 'left',
    ArrowRight: 'right',
    ArrowUp: 'up',
    ArrowDown: 'down',
    PageUp: 'pageUp',
    PageDown: 'pageDown',
    Home: 'home',
    End: 'end'
  }
  return moves[key] ?? null
}

/** Every item shown (the filter applies: hidden items are not selected). */
export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null, focus: order[0] ?? null }
}

/** Only the selected items still shown, in the order shown (what a batch runs over). */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id))
}

/** Drops ids that no longer exist (a gallery reopened with fewer photos). */
export function pruneSelection(selection: Selection, existing: ReadonlySet<string>): Selection {
  const ids = new Set([...selection.ids].filter((id) => existing.has(id)))
  const kept = (id: string | null): string | null => (id !== null && existing.has(id) ? id : null)
  const anchor = kept(selection.anchor)
  const focus = kept(selection.focus)
  const same = anchor === selection.anchor && focus === selection.focus
  if (ids.size === selection.ids.size && same) return selection
  return { ids, anchor, focus }
}
