import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DocumentState } from '../../../shared/domain/document'
import type { GalleryState } from '../../../shared/domain/gallery'
import type { LucidApi } from '../../../shared/ipc/api'
import { ok } from '../../../shared/ipc/errors'
import { EMPTY_SELECTION } from '../gallery/selection'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'
import { useGallery } from '../state/gallery-store'
import {
  batchOpenAction,
  clickItem,
  galleryClearSelectionAction,
  galleryOpenAction,
  gallerySelectAllAction,
  openGalleryItem,
  viewEditorAction,
  viewGalleryAction
} from './gallery-actions'
import type { ActionContext } from './registry'

const G1 = '11111111-2222-4333-8444-555555555555'
const G2 = '22222222-2222-4333-8444-555555555555'

const item = (id: string, name: string, modifiedAt = 0): GalleryState['items'][number] => ({
  id,
  name,
  bytes: 1,
  modifiedAt,
  hasHistory: false
})

const gallery = (id = G1): GalleryState => ({
  id,
  folderName: 'Trip',
  items: [item('a', 'IMG_10.jpg', 3), item('b', 'IMG_2.jpg', 1), item('c', 'beach.png', 2)],
  skipped: 0
})

const context = (api: Partial<Record<keyof LucidApi, unknown>>): ActionContext => ({
  api: api as unknown as LucidApi,
  state: useEditor.getState
})

beforeEach(() => {
  useEditor.setState({ doc: null, busy: null, notice: null, view: 'editor' })
  useGallery.setState({ gallery: null, selection: EMPTY_SELECTION, filter: '', thumbs: {} })
  useGallery.getState().setSort({ by: 'name', descending: false })
  useBatch.setState({ run: null, dialogOpen: false })
})

describe('gallery actions', () => {
  it('switch between the editor and the gallery, refreshing its badges', async () => {
    useGallery.getState().setGallery(gallery())
    const fresh = gallery()
    fresh.items[0] = { ...fresh.items[0]!, hasHistory: true }
    const state = vi.fn(() => Promise.resolve(ok(fresh)))
    await viewGalleryAction.perform(context({ gallery: { state } }))
    expect(useGallery.getState().gallery?.items[0]?.hasHistory).toBe(true)
    expect(useEditor.getState().view).toBe('gallery')
    await viewEditorAction.perform(context({}))
    expect(useEditor.getState().view).toBe('editor')
  })

  it('Open folder shows the gallery and closes the one it replaces', async () => {
    const close = vi.fn(() => Promise.resolve(ok(null)))
    useGallery.getState().setGallery(gallery(G1))
    const open = vi.fn(() => Promise.resolve(ok(gallery(G2))))
    await galleryOpenAction.perform(context({ gallery: { open, close } }))
    expect(useGallery.getState().gallery?.id).toBe(G2)
    expect(useEditor.getState().view).toBe('gallery')
    expect(close).toHaveBeenCalledWith({ galleryId: G1 })
  })

  it('a cancelled folder dialog changes nothing', async () => {
    const open = vi.fn(() => Promise.resolve(ok(null)))
    await galleryOpenAction.perform(context({ gallery: { open } }))
    expect(useGallery.getState().gallery).toBeNull()
    expect(useEditor.getState().view).toBe('editor')
  })

  it('Shift+click ranges over the sorted, filtered order', () => {
    useGallery.getState().setGallery(gallery())
    // Natural name order: beach.png (c), IMG_2 (b), IMG_10 (a).
    clickItem('c', { toggle: false, range: false })
    clickItem('a', { toggle: false, range: true })
    expect([...useGallery.getState().selection.ids].sort()).toEqual(['a', 'b', 'c'])
    useGallery.getState().setFilter('img')
    clickItem('b', { toggle: false, range: false })
    clickItem('a', { toggle: false, range: true })
    expect([...useGallery.getState().selection.ids].sort()).toEqual(['a', 'b'])
  })

  it('select all (in the gallery view only) takes what the filter shows; Escape clears', async () => {
    useGallery.getState().setGallery(gallery())
    expect(gallerySelectAllAction.enabled(useEditor.getState())).toBe(false)
    useEditor.getState().setView('gallery')
    useGallery.getState().setFilter('IMG')
    await gallerySelectAllAction.perform(context({}))
    expect([...useGallery.getState().selection.ids].sort()).toEqual(['a', 'b'])
    expect(galleryClearSelectionAction.enabled(useEditor.getState())).toBe(true)
    await galleryClearSelectionAction.perform(context({}))
    expect(useGallery.getState().selection.ids.size).toBe(0)
    expect(galleryClearSelectionAction.enabled(useEditor.getState())).toBe(false)
  })

  it('Batch… needs a selection and no running batch', async () => {
    useEditor.getState().setView('gallery')
    useGallery.getState().setGallery(gallery())
    expect(batchOpenAction.enabled(useEditor.getState())).toBe(false)
    clickItem('a', { toggle: false, range: false })
    expect(batchOpenAction.enabled(useEditor.getState())).toBe(true)
    useBatch.getState().dispatch({ type: 'start', label: 'Batch', total: 1 })
    expect(batchOpenAction.enabled(useEditor.getState())).toBe(false)
    useBatch.setState({ run: null })
    await batchOpenAction.perform(context({}))
    expect(useBatch.getState().dialogOpen).toBe(true)
  })

  it('a double-click opens the photo in the editor view', async () => {
    useEditor.getState().setView('gallery')
    useGallery.getState().setGallery(gallery())
    const doc = { id: 'doc' } as DocumentState
    const openItem = vi.fn(() => Promise.resolve(ok(doc)))
    await openGalleryItem(context({ gallery: { openItem } }), 'b')
    expect(openItem).toHaveBeenCalledWith({ galleryId: G1, itemId: 'b' })
    expect(useEditor.getState().doc).toBe(doc)
    expect(useEditor.getState().view).toBe('editor')
  })
})
