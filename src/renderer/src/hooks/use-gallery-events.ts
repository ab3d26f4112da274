import { useEffect } from 'react'
import type { ThumbnailReadyEvent } from '../../../shared/domain/gallery'
import type { LucidApi } from '../../../shared/ipc/api'
import { useBatch } from '../state/batch-store'
import { useGallery } from '../state/gallery-store'

/** How often thumbnail reports are applied: a folder's prefetch sends thousands. */
const THUMB_FLUSH_MS = 100

/**
 * Feeds the gallery and batch stores from main's events (thumbnails, batch progress and ends)
 * and loads the saved presets once.
 */
export function useGalleryEvents(api: LucidApi): void {
  useEffect(() => {
    let pending: ThumbnailReadyEvent[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const flush = (): void => {
      timer = null
      const events = pending
      pending = []
      if (events.length > 0) useGallery.getState().thumbnailsReady(events)
    }
    const cleanups = [
      api.events.onGalleryThumbnail((event) => {
        pending.push(event)
        timer ??= setTimeout(flush, THUMB_FLUSH_MS)
      }),
      api.events.onBatchEvent(({ batchId, event }) =>
        useBatch.getState().dispatch({ type: 'event', batchId, event })
      ),
      api.events.onBatchFinished(({ batchId, summary }) => {
        const before = useBatch.getState().run
        useBatch.getState().dispatch({ type: 'finished', batchId, summary })
        const gallery = useGallery.getState().gallery
        // A finished batch of this gallery may have changed nothing on screen, but a history
        // batch reads the histories the badges show: refresh them cheaply.
        if (gallery && before?.batchId === batchId && before.label === 'Batch') {
          void api.gallery.state({ galleryId: gallery.id }).then((result) => {
            if (result.ok && useGallery.getState().gallery?.id === result.value.id) {
              useGallery.getState().setGallery(result.value)
            }
          })
        }
      })
    ]
    let live = true
    void api.presets.list().then((result) => {
      if (live && result.ok) useBatch.getState().setPresets(result.value)
    })
    return () => {
      live = false
      if (timer !== null) clearTimeout(timer)
      for (const cleanup of cleanups) cleanup()
    }
  }, [api])
}
