/**
 * Gallery grid geometry: how many columns fit a width, which rows exist, and which items a
 * range of rows holds. Pure numbers so the virtualizer and setVisible agree and can be tested.
 */
export interface GridOptions {
  /** Smallest cell width before a column is dropped, in CSS pixels. */
  readonly minCell: number
  readonly gap: number
  /** Height of a cell's caption under the square thumbnail. */
  readonly caption: number
}

export const DEFAULT_GRID: GridOptions = { minCell: 148, gap: 8, caption: 22 }

export interface GridLayout {
  readonly columns: number
  readonly cellWidth: number
  /** Height of one row including the gap below it. */
  readonly rowHeight: number
}

/** The columns that fit `width` (at least one) and the cells' size filling the width. */
export function gridLayout(width: number, options: GridOptions = DEFAULT_GRID): GridLayout {
  const usable = Math.max(0, width - options.gap)
  const columns = Math.max(1, Math.floor(usable / (options.minCell + options.gap)))
  const cellWidth = Math.max(1, Math.floor(usable / columns - options.gap))
  return { columns, cellWidth, rowHeight: cellWidth + options.caption + options.gap }
}

export function rowCount(itemCount: number, columns: number): number {
  return Math.ceil(itemCount / Math.max(1, columns))
}

/** The items of one row. */
export function rowItems<T>(items: readonly T[], columns: number, row: number): T[] {
  const start = row * columns
  return items.slice(start, start + columns)
}

/** The items of rows `first..last` (inclusive), clamped to the items that exist. */
export function itemsInRows<T>(
  items: readonly T[],
  columns: number,
  first: number,
  last: number
): T[] {
  if (last < first) return []
  const start = Math.max(0, first) * columns
  return items.slice(start, Math.min(items.length, (last + 1) * columns))
}

/** The row an item index is in (to scroll a keyboard-selected item into view). */
export function rowOf(index: number, columns: number): number {
  return Math.floor(index / Math.max(1, columns))
}
