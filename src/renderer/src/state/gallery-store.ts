import { create } from 'zustand'
import type {
  GalleryItem,
  GallerySort,
  GalleryState,
  ThumbnailReadyEvent
} from '../../../shared/domain/gallery'
import { filterGalleryItems, sortGalleryItems } from '../../../shared/domain/gallery'
import type { Selection } from '../gallery/selection'
import { EMPTY_SELECTION, pruneSelection } from '../gallery/selection'

/** A thumbnail's outcome as main reported it; absent while it is being made. */
export type ThumbStatus = { readonly ok: true } | { readonly ok: false; readonly message: string }

export interface GalleryStoreState {
  readonly gallery: GalleryState | null
  readonly sort: GallerySort
  readonly filter: string
  readonly selection: Selection
  /** By `galleryId/itemId`: events may arrive before gallery:open has answered. */
  readonly thumbs: Readonly<Record<string, ThumbStatus>>
  readonly setGallery: (gallery: GalleryState | null) => void
  readonly setSort: (sort: GallerySort) => void
  readonly setFilter: (filter: string) => void
  readonly setSelection: (selection: Selection) => void
  /** Records thumbnail reports; batched by the caller, as a folder sends thousands. */
  readonly thumbnailsReady: (events: readonly ThumbnailReadyEvent[]) => void
}

export function thumbKey(galleryId: string, itemId: string): string {
  return `${galleryId}/${itemId}`
}

export const useGallery = create<GalleryStoreState>()((set) => ({
  gallery: null,
  sort: { by: 'name', descending: false },
  filter: '',
  selection: EMPTY_SELECTION,
  thumbs: {},
  setGallery: (gallery) =>
    set((s) => {
      const same = gallery !== null && s.gallery?.id === gallery.id
      if (same) {
        const existing = new Set(gallery.items.map((i) => i.id))
        return { gallery, selection: pruneSelection(s.selection, existing) }
      }
      // Another gallery: keep only thumbnail reports that already arrived for it.
      const prefix = gallery ? `${gallery.id}/` : null
      const thumbs = Object.fromEntries(
        Object.entries(s.thumbs).filter(([key]) => prefix !== null && key.startsWith(prefix))
      )
      return { gallery, selection: EMPTY_SELECTION, filter: '', thumbs }
    }),
  setSort: (sort) => set({ sort }),
  setFilter: (filter) => set({ filter }),
  setSelection: (selection) => set({ selection }),
  thumbnailsReady: (events) =>
    set((s) => {
      const thumbs: Record<string, ThumbStatus> = { ...s.thumbs }
      for (const event of events) {
        thumbs[thumbKey(event.galleryId, event.itemId)] = event.ok
          ? { ok: true }
          : { ok: false, message: event.error.message }
      }
      return { thumbs }
    })
}))

/** The items as shown: filtered by name, then sorted. */
export function shownItems(
  state: Pick<GalleryStoreState, 'gallery' | 'sort' | 'filter'>
): GalleryItem[] {
  if (!state.gallery) return []
  return sortGalleryItems(filterGalleryItems(state.gallery.items, state.filter), state.sort)
}
