import type { ReactElement } from 'react'
import { useMemo } from 'react'
import type { GallerySort } from '../../../shared/domain/gallery'
import type { LucidApi } from '../../../shared/ipc/api'
import { batchOpenAction } from '../actions/gallery-actions'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'
import { shownItems, useGallery } from '../state/gallery-store'
import { GalleryGrid } from './GalleryGrid'

const SORTS: readonly { value: string; label: string; sort: GallerySort }[] = [
  { value: 'name-asc', label: 'Name A–Z', sort: { by: 'name', descending: false } },
  { value: 'name-desc', label: 'Name Z–A', sort: { by: 'name', descending: true } },
  { value: 'date-desc', label: 'Newest first', sort: { by: 'date', descending: true } },
  { value: 'date-asc', label: 'Oldest first', sort: { by: 'date', descending: false } }
]

const sortValue = (sort: GallerySort): string => `${sort.by}-${sort.descending ? 'desc' : 'asc'}`

/** The gallery view: a bar (folder, sort, filter, selection, Batch…) over the grid. */
export function GalleryView({ api }: { api: LucidApi }): ReactElement {
  const gallery = useGallery((s) => s.gallery)
  const sort = useGallery((s) => s.sort)
  const filter = useGallery((s) => s.filter)
  const selected = useGallery((s) => s.selection.ids.size)
  const items = useMemo(() => shownItems({ gallery, sort, filter }), [gallery, sort, filter])

  if (!gallery) {
    return (
      <main className="gallery gallery-empty" data-testid="gallery">
        <div className="empty-state">
          <p className="empty-title">No folder open</p>
          <p className="empty-hint">Use Open folder… or drop a folder or several photos here.</p>
        </div>
      </main>
    )
  }
  return (
    <main className="gallery" data-testid="gallery" data-gallery-id={gallery.id}>
      <div className="gallery-bar">
        <span className="gallery-folder" data-testid="gallery-folder">
          {gallery.folderName}
        </span>
        <span className="gallery-count" data-testid="gallery-count">
          {items.length === gallery.items.length
            ? `${gallery.items.length} photos`
            : `${items.length} of ${gallery.items.length} photos`}
          {gallery.skipped > 0 ? ` · ${gallery.skipped} unreadable` : ''}
        </span>
        <div className="toolbar-spacer" />
        <input
          className="input gallery-filter"
          type="search"
          placeholder="Filter by name"
          aria-label="Filter by name"
          data-testid="gallery-filter"
          value={filter}
          onChange={(event) => useGallery.getState().setFilter(event.target.value)}
        />
        <select
          className="select"
          aria-label="Sort"
          data-testid="gallery-sort"
          value={sortValue(sort)}
          onChange={(event) => {
            const chosen = SORTS.find((s) => s.value === event.target.value)
            if (chosen) useGallery.getState().setSort(chosen.sort)
          }}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <span className="gallery-selected" data-testid="gallery-selected">
          {selected > 0 ? `${selected} selected` : ''}
        </span>
        <BatchButton api={api} />
      </div>
      {items.length === 0 ? (
        <div className="empty-state gallery-none">
          <p className="empty-hint">
            {gallery.items.length === 0 ? 'This folder has no photos' : 'No photo matches'}
          </p>
        </div>
      ) : (
        <GalleryGrid api={api} galleryId={gallery.id} items={items} />
      )}
    </main>
  )
}

function BatchButton({ api }: { api: LucidApi }): ReactElement {
  const selected = useGallery((s) => s.selection.ids.size > 0)
  const running = useBatch((s) => s.run !== null && s.run.summary === null)
  const enabled = useEditor(batchOpenAction.enabled) && selected && !running
  return (
    <button
      type="button"
      className="button button-primary"
      data-testid="batch-open"
      data-action={batchOpenAction.name}
      disabled={!enabled}
      title={running ? 'A batch is running' : 'Apply a recipe to the selected photos'}
      onClick={() => void batchOpenAction.perform({ api, state: useEditor.getState })}
    >
      {batchOpenAction.label}
    </button>
  )
}
