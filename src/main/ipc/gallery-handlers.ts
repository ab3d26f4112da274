import { isAbsolute } from 'node:path'
import type { GalleryState, ThumbnailReadyEvent } from '../../shared/domain/gallery'
import { LucidError } from '../../shared/ipc/errors'
import type { ProgressSink } from '../editor/progress'
import type { Handler, HandlerServices } from './handlers'
import type { CallContext, Emit } from './ports'

type GalleryChannel =
  | 'gallery:open'
  | 'gallery:openPath'
  | 'gallery:openFiles'
  | 'gallery:state'
  | 'gallery:setVisible'
  | 'gallery:openItem'
  | 'gallery:close'

export type GalleryHandlers = { readonly [C in GalleryChannel]: Handler<C> }

/**
 * The gallery's channels. Each opened gallery reports its thumbnails as `gallery:thumbnail`
 * events to the window that opened it, until gallery:close.
 */
export function createGalleryHandlers({
  gallery,
  documents,
  dialogs
}: Pick<HandlerServices, 'gallery' | 'documents' | 'dialogs'>): GalleryHandlers {
  /** Each open gallery's thumbnail subscription, by gallery id. */
  const subscriptions = new Map<string, () => void>()

  /**
   * Opens a gallery and forwards its thumbnail events to `emit`. The listener is in place
   * before the gallery exists, so no early thumbnail (a cache hit) is lost: those are held
   * until the id is known and sent just after this call's reply.
   */
  const openWatched = async (
    open: () => Promise<GalleryState>,
    emit: Emit
  ): Promise<GalleryState> => {
    // Set once the gallery exists; until then its events are held.
    const opened: { id?: string } = {}
    const early: ThumbnailReadyEvent[] = []
    const unsubscribe = gallery.onThumbnailReady((event) => {
      if (opened.id === undefined) early.push(event)
      else if (event.galleryId === opened.id) emit('gallery:thumbnail', event)
    })
    let state: GalleryState
    try {
      state = await open()
    } catch (error) {
      unsubscribe()
      throw error
    }
    opened.id = state.id
    subscriptions.set(state.id, unsubscribe)
    const mine = early.filter((event) => event.galleryId === state.id)
    if (mine.length > 0) {
      setImmediate(() => {
        if (!subscriptions.has(state.id)) return
        for (const event of mine) emit('gallery:thumbnail', event)
      })
    }
    return state
  }

  const progressTo =
    ({ emit }: CallContext): ProgressSink =>
    (event) =>
      emit('job:progress', event)

  return {
    'gallery:open': async (_, { emit }) => {
      const folder = await dialogs.chooseFolder('gallery')
      return folder === null ? null : openWatched(() => gallery.open(folder), emit)
    },
    'gallery:openPath': ({ path }, { emit }) => {
      requireAbsolute(path)
      return openWatched(() => gallery.open(path), emit)
    },
    'gallery:openFiles': ({ paths }, { emit }) => {
      paths.forEach(requireAbsolute)
      return openWatched(() => gallery.openFiles(paths), emit)
    },
    'gallery:state': ({ galleryId }) => gallery.refreshHistory(galleryId),
    'gallery:setVisible': ({ galleryId, itemIds }) => {
      gallery.setVisible(galleryId, itemIds)
      return Promise.resolve(null)
    },
    'gallery:openItem': ({ galleryId, itemId }, context) =>
      documents.open(gallery.itemPath(galleryId, itemId), { onProgress: progressTo(context) }),
    'gallery:close': ({ galleryId }) => {
      gallery.close(galleryId)
      subscriptions.get(galleryId)?.()
      subscriptions.delete(galleryId)
      return Promise.resolve(null)
    }
  }
}

/** @throws LucidError INVALID_ARGUMENT for a relative path */
export function requireAbsolute(path: string): void {
  if (!isAbsolute(path)) throw new LucidError('INVALID_ARGUMENT', 'Expected an absolute path')
}
