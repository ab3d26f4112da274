import type { KeyboardEvent, ReactElement } from 'react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { GalleryItem } from '../../../shared/domain/gallery'
import type { LucidApi } from '../../../shared/ipc/api'
import { clickItem, moveInGallery, openGalleryItem } from '../actions/gallery-actions'
import { useEditor } from '../state/editor-store'
import { useGallery } from '../state/gallery-store'
import { DEFAULT_GRID, gridLayout, itemsInRows, rowCount, rowItems, rowOf } from './grid'
import { galleryCellId, GalleryCell } from './GalleryCell'
import { gridMoveOf } from './selection'

/** How long the visible items must stay put before main is told (scrolling sends many). */
const VISIBLE_DEBOUNCE_MS = 100
/** The contract's limit on one setVisible call. */
const MAX_VISIBLE = 2000

/**
 * The virtualized grid: only the rows on screen (and a few around) exist, so thousands of
 * photos scroll smoothly. Tells main which items are visible so their thumbnails come first.
 * The keyboard moves the focused photo (arrows, Home/End, Page Up/Down; Shift extends the
 * selection), scrolling it into view, and Enter opens it.
 */
export function GalleryGrid({
  api,
  galleryId,
  items
}: {
  api: LucidApi
  galleryId: string
  items: readonly GalleryItem[]
}): ReactElement {
  const scroller = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  const selection = useGallery((s) => s.selection)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const layout = gridLayout(width)
  const rows = rowCount(items.length, layout.columns)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the point
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => layout.rowHeight,
    overscan: 3
  })
  useEffect(() => virtualizer.measure(), [virtualizer, layout.rowHeight])

  const virtualRows = virtualizer.getVirtualItems()
  const first = virtualRows[0]?.index ?? 0
  const last = virtualRows[virtualRows.length - 1]?.index ?? -1
  const visibleKey = useMemo(
    () =>
      itemsInRows(items, layout.columns, first, last)
        .slice(0, MAX_VISIBLE)
        .map((i) => i.id)
        .join(','),
    [items, layout.columns, first, last]
  )
  useEffect(() => {
    const timer = setTimeout(() => {
      const itemIds = visibleKey === '' ? [] : visibleKey.split(',')
      void api.gallery.setVisible({ galleryId, itemIds })
    }, VISIBLE_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [api, galleryId, visibleKey])

  const onClick = useCallback(
    (itemId: string, toggle: boolean, range: boolean) => clickItem(itemId, { toggle, range }),
    []
  )
  const onOpen = useCallback(
    (itemId: string) => void openGalleryItem({ api, state: useEditor.getState }, itemId),
    [api]
  )

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return
      if (event.key === 'Enter') {
        const focus = useGallery.getState().selection.focus
        if (focus !== null && items.some((i) => i.id === focus)) {
          event.preventDefault()
          onOpen(focus)
        }
        return
      }
      const move = gridMoveOf(event.key)
      if (!move) return
      event.preventDefault()
      const visibleRows = Math.floor((scroller.current?.clientHeight ?? 0) / layout.rowHeight)
      const grid = { columns: layout.columns, rowsPerPage: Math.max(1, visibleRows) }
      const index = moveInGallery(move, grid, event.shiftKey)
      if (index >= 0) virtualizer.scrollToIndex(rowOf(index, layout.columns), { align: 'auto' })
    },
    [items, layout.columns, layout.rowHeight, onOpen, virtualizer]
  )

  return (
    <div
      ref={scroller}
      className="gallery-scroll"
      role="listbox"
      aria-multiselectable="true"
      aria-label="Photos"
      aria-activedescendant={
        selection.focus !== null ? galleryCellId(galleryId, selection.focus) : undefined
      }
      data-testid="gallery-grid"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="gallery-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            className="gallery-row"
            style={{
              transform: `translateY(${row.start}px)`,
              height: layout.rowHeight,
              gap: DEFAULT_GRID.gap,
              paddingLeft: DEFAULT_GRID.gap
            }}
          >
            {rowItems(items, layout.columns, row.index).map((item) => (
              <GalleryCell
                key={item.id}
                api={api}
                galleryId={galleryId}
                item={item}
                selected={selection.ids.has(item.id)}
                focused={selection.focus === item.id}
                size={layout.cellWidth}
                onClick={onClick}
                onOpen={onOpen}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
