import type { GalleryState } from '../../../shared/domain/gallery'
import { unwrap } from '../../../shared/ipc/errors'
import { clickSelection, EMPTY_SELECTION, moveSelection, selectAll } from '../gallery/selection'
import type { ClickModifiers, GridMove, GridShape } from '../gallery/selection'
import { useBatch } from '../state/batch-store'
import { shownItems, useGallery } from '../state/gallery-store'
import { showDocument } from './document-actions'
import { idle } from './edit-actions'
import type { ActionContext } from './registry'
import { register } from './registry'
import { runTask } from './run-task'

/** The gallery: switching views, opening folders, selecting, opening a photo in the editor. */

export const viewEditorAction = register({
  name: 'view.editor',
  label: 'Editor',
  shortcuts: [],
  enabled: () => true,
  perform: ({ state }) => {
    state().setView('editor')
    return Promise.resolve()
  }
})

export const viewGalleryAction = register({
  name: 'view.gallery',
  label: 'Gallery',
  shortcuts: [],
  enabled: () => true,
  perform: async ({ api, state }) => {
    state().setView('gallery')
    // Editing in the meantime may have given a photo a history: refresh the badges.
    const gallery = useGallery.getState().gallery
    if (!gallery) return
    const result = await api.gallery.state({ galleryId: gallery.id })
    if (result.ok && useGallery.getState().gallery?.id === result.value.id) {
      useGallery.getState().setGallery(result.value)
    }
  }
})

/** Shows a gallery (closing the one it replaces in main) in the gallery view. */
export function showGallery(context: ActionContext, gallery: GalleryState): void {
  const previous = useGallery.getState().gallery
  useGallery.getState().setGallery(gallery)
  context.state().setView('gallery')
  if (previous && previous.id !== gallery.id) {
    void context.api.gallery.close({ galleryId: previous.id })
  }
}

/** Opens a gallery from a call to main (folder dialog, dropped folder, dropped photos). */
export async function openGallery(
  context: ActionContext,
  open: () => Promise<GalleryState | null>
): Promise<void> {
  const gallery = await runTask(context.state, 'Opening folder', open)
  if (gallery) showGallery(context, gallery)
}

export const galleryOpenAction = register({
  name: 'gallery.open',
  label: 'Open folder…',
  shortcuts: [{ key: 'o', mod: true, shift: true }],
  enabled: idle,
  perform: (context) => openGallery(context, async () => unwrap(await context.api.gallery.open()))
})

const inGallery = (state: { view: string }): boolean => state.view === 'gallery'

export const gallerySelectAllAction = register({
  name: 'gallery.selectAll',
  label: 'Select all',
  shortcuts: [{ key: 'a', mod: true }],
  enabled: inGallery,
  perform: () => {
    const gallery = useGallery.getState()
    gallery.setSelection(selectAll(shownItems(gallery).map((i) => i.id)))
    return Promise.resolve()
  }
})

export const galleryClearSelectionAction = register({
  name: 'gallery.clearSelection',
  label: 'Clear selection',
  shortcuts: [{ key: 'Escape' }],
  enabled: (state) => inGallery(state) && useGallery.getState().selection.ids.size > 0,
  perform: () => {
    useGallery.getState().setSelection(EMPTY_SELECTION)
    return Promise.resolve()
  }
})

/** Whether the batch dialog can open: a selection in the gallery and no batch running. */
export function canOpenBatch(): boolean {
  const run = useBatch.getState().run
  return useGallery.getState().selection.ids.size > 0 && (run === null || run.summary !== null)
}

export const batchOpenAction = register({
  name: 'batch.open',
  label: 'Batch…',
  shortcuts: [{ key: 'b', mod: true, shift: true }],
  enabled: (state) => inGallery(state) && canOpenBatch(),
  perform: () => {
    useBatch.getState().setDialogOpen(true)
    return Promise.resolve()
  }
})

/** A click on a cell: the selection rules of gallery/selection.ts over the order shown. */
export function clickItem(itemId: string, modifiers: ClickModifiers): void {
  const gallery = useGallery.getState()
  const order = shownItems(gallery).map((i) => i.id)
  gallery.setSelection(clickSelection(gallery.selection, order, itemId, modifiers))
}

/**
 * A navigation key in the grid: the selection rules of gallery/selection.ts over the order
 * shown. Returns the index (in that order) of the item now focused, -1 when there is none.
 */
export function moveInGallery(move: GridMove, grid: GridShape, extend: boolean): number {
  const gallery = useGallery.getState()
  const order = shownItems(gallery).map((i) => i.id)
  const selection = moveSelection(gallery.selection, order, move, grid, extend)
  gallery.setSelection(selection)
  return selection.focus === null ? -1 : order.indexOf(selection.focus)
}

/** A double-click: the photo opens in the editor. */
export function openGalleryItem(context: ActionContext, itemId: string): Promise<void> {
  const gallery = useGallery.getState().gallery
  if (!gallery) return Promise.resolve()
  return showDocument(context, 'Opening', async () =>
    unwrap(await context.api.gallery.openItem({ galleryId: gallery.id, itemId }))
  )
}
