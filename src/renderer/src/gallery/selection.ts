/**
 * Gallery selection as file managers do it: click selects one, Ctrl/Cmd+click toggles one,
 * Shift+click selects the range from the anchor in the order on screen (sorted and filtered).
 * Pure: the store keeps the value, components pass the order they show.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>
  /** Where a Shift+click range starts: the last item clicked without Shift. */
  readonly anchor: string | null
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null }

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
    return { ids, anchor }
  }
  if (modifiers.toggle) {
    const ids = new Set(selection.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { ids, anchor: id }
  }
  return { ids: new Set([id]), anchor: id }
}

/** Every item shown (the filter applies: hidden items are not selected). */
export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null }
}

/** Only the selected items still shown, in the order shown (what a batch runs over). */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id))
}

/** Drops ids that no longer exist (a gallery reopened with fewer photos). */
export function pruneSelection(selection: Selection, existing: ReadonlySet<string>): Selection {
  const ids = new Set([...selection.ids].filter((id) => existing.has(id)))
  const anchor =
    selection.anchor !== null && existing.has(selection.anchor) ? selection.anchor : null
  if (ids.size === selection.ids.size && anchor === selection.anchor) return selection
  return { ids, anchor }
}
