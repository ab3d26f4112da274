import type { ReactElement } from 'react'
import { memo, useEffect, useState } from 'react'
import type { GalleryItem } from '../../../shared/domain/gallery'
import type { LucidApi } from '../../../shared/ipc/api'
import { thumbKey, useGallery } from '../state/gallery-store'

/**
 * Without a report this long, the cell asks for its thumbnail itself (the route makes it on
 * request), so a missed event costs a moment, not a blank cell.
 */
const LAZY_AFTER_MS = 1500

export interface CellProps {
  readonly api: LucidApi
  readonly galleryId: string
  readonly item: GalleryItem
  readonly selected: boolean
  /** Where the keyboard moves from (the listbox's active descendant). */
  readonly focused: boolean
  readonly size: number
  readonly onClick: (itemId: string, toggle: boolean, range: boolean) => void
  readonly onOpen: (itemId: string) => void
}

/** The cell's element id, for the listbox's aria-activedescendant. */
export function galleryCellId(galleryId: string, itemId: string): string {
  return `gallery-${galleryId}-${itemId}`
}

/** One photo: thumbnail (placeholder until ready, a glyph if it failed), badge and name. */
export const GalleryCell = memo(function GalleryCell({
  api,
  galleryId,
  item,
  selected,
  focused,
  size,
  onClick,
  onOpen
}: CellProps): ReactElement {
  const status = useGallery((s) => s.thumbs[thumbKey(galleryId, item.id)])
  const [lazy, setLazy] = useState(false)
  const [loadError, setLoadError] = useState(false)
  useEffect(() => {
    if (status) return
    const timer = setTimeout(() => setLazy(true), LAZY_AFTER_MS)
    return () => clearTimeout(timer)
  }, [status])

  const error =
    status?.ok === false ? status.message : loadError ? 'The thumbnail could not be loaded' : null
  const showImage = error === null && (status?.ok === true || (status === undefined && lazy))
  return (
    <div
      id={galleryCellId(galleryId, item.id)}
      className="gallery-item"
      role="option"
      aria-selected={selected}
      data-focused={focused}
      data-testid="gallery-item"
      data-item-id={item.id}
      data-selected={selected}
      data-has-history={item.hasHistory}
      style={{ width: size }}
      title={item.name}
      onClick={(event) => onClick(item.id, event.ctrlKey || event.metaKey, event.shiftKey)}
      onDoubleClick={() => onOpen(item.id)}
    >
      <div className="gallery-thumb" style={{ height: size }}>
        {error !== null ? (
          <span className="gallery-thumb-error" data-testid="gallery-thumb-error" title={error}>
            ⚠
          </span>
        ) : showImage ? (
          <img
            src={api.shell.imageUrl({ kind: 'gallery-thumb', galleryId, itemId: item.id })}
            alt=""
            draggable={false}
            data-testid="gallery-thumb"
            onError={() => setLoadError(true)}
          />
        ) : (
          <span className="gallery-thumb-placeholder" data-testid="gallery-thumb-placeholder" />
        )}
        {item.hasHistory ? (
          <span className="history-badge" data-testid="history-badge" title="Has an edit history">
            Edited
          </span>
        ) : null}
      </div>
      <div className="gallery-name">{item.name}</div>
    </div>
  )
})
