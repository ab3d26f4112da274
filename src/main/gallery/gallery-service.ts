import { createHash, randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { basename } from 'node:path'
import type {
  GalleryItem,
  GalleryState,
  ThumbnailError,
  ThumbnailReadyEvent
} from '../../shared/domain/gallery'
import { THUMBNAIL_ERROR_CODES } from '../../shared/domain/gallery'
import { LucidError } from '../../shared/ipc/errors'
import { HistoryStore } from '../editor/history-store'
import { mapBounded } from './bounded-map'
import type { FolderScan, ScannedPhoto } from './folder-scan'
import { scanFiles, scanFolder } from './folder-scan'
import type { ThumbnailCache, ThumbnailPriority } from './thumbnail-cache'

export interface GalleryServiceOptions {
  readonly thumbnails: ThumbnailCache
  /** Where saved edit histories are read from (share the editor's store). */
  readonly histories: Pick<HistoryStore, 'load'>
  /** Make every thumbnail in the background as soon as a folder opens. Default true. */
  readonly prefetch?: boolean
}

/** History look-ups in flight at once (each is a realpath, a stat and a read). */
const HISTORY_CONCURRENCY = 32

interface Photo {
  readonly scanned: ScannedPhoto
  item: GalleryItem
}

interface OpenGallery {
  readonly id: string
  readonly folderName: string
  readonly skipped: number
  /** By item id, in name order. */
  readonly photos: Map<string, Photo>
  /** Aborted on close: drops every thumbnail request the gallery still has queued. */
  readonly closing: AbortController
  /** The visible-priority requests of the items on screen. */
  readonly visible: Map<string, AbortController>
  /** Items whose ready event has been sent. */
  readonly reported: Set<string>
}

/** An item's id: 16 hex digits of the SHA-1 of its path, stable across openings. */
export function galleryItemId(path: string): string {
  return createHash('sha1').update(path).digest('hex').slice(0, 16)
}

/**
 * The gallery's main-process side: opens folders into galleries, maps (gallery id, item id)
 * back to files for the editor and the batch, serves thumbnails and reports each one as it is
 * ready, and knows which photos have an edit history. The renderer only ever sees ids.
 */
export class GalleryService {
  private readonly galleries = new Map<string, OpenGallery>()
  private readonly listeners = new Set<(event: ThumbnailReadyEvent) => void>()

  constructor(private readonly options: GalleryServiceOptions) {}

  /**
   * Opens a folder as a new gallery and, unless prefetch is off, starts making every missing
   * thumbnail in the background (in name order; `setVisible` moves items to the front).
   *
   * @throws LucidError FILE_NOT_FOUND (no such folder), INVALID_ARGUMENT (not a folder)
   */
  async open(folderPath: string): Promise<GalleryState> {
    const scan = await scanFolder(folderPath)
    return this.adopt(scan, basename(scan.folder) || scan.folder)
  }

  /**
   * Opens photos the person dropped together (not a folder) as a new gallery, with the same
   * item ids as a folder gallery would give them. Paths that are not readable photo files count
   * in `skipped`. The gallery is named after the files' folder when they share one.
   */
  async openFiles(paths: readonly string[]): Promise<GalleryState> {
    const scan = await scanFiles(paths)
    return this.adopt(scan, scan.folder ? basename(scan.folder) || scan.folder : 'Dropped photos')
  }

  /** Makes a scan a gallery: ids, history badges, and (with prefetch) the thumbnail queue. */
  private async adopt(scan: FolderScan, folderName: string): Promise<GalleryState> {
    const photos = new Map<string, Photo>()
    let skipped = scan.skipped
    const flags = await mapBounded(scan.photos, HISTORY_CONCURRENCY, (photo) =>
      this.hasHistory(photo.path)
    )
    scan.photos.forEach((scanned, i) => {
      const id = galleryItemId(scanned.path)
      // Two paths sharing 64 bits of SHA-1 in one folder is not expected; never mix them up.
      if (photos.has(id)) {
        skipped++
        return
      }
      const item = {
        id,
        name: scanned.name,
        bytes: scanned.bytes,
        modifiedAt: scanned.mtimeMs,
        hasHistory: flags[i] ?? false
      }
      photos.set(id, { scanned, item })
    })
    const closing = new AbortController()
    // Every queued thumbnail of the gallery listens for its closing: thousands, by design.
    setMaxListeners(0, closing.signal)
    const gallery: OpenGallery = {
      id: randomUUID(),
      folderName,
      skipped,
      photos,
      closing,
      visible: new Map(),
      reported: new Set()
    }
    this.galleries.set(gallery.id, gallery)
    if (this.options.prefetch ?? true) {
      for (const id of photos.keys()) this.watch(gallery, id, 'background', gallery.closing.signal)
    }
    return stateOf(gallery)
  }

  /** @throws LucidError NOT_FOUND for a closed or unknown gallery */
  state(galleryId: string): GalleryState {
    return stateOf(this.gallery(galleryId))
  }

  /**
   * The file behind an item, for the editor to open or the batch to process.
   *
   * @throws LucidError NOT_FOUND for an unknown gallery or item
   */
  itemPath(galleryId: string, itemId: string): string {
    return this.photo(this.gallery(galleryId), itemId).scanned.path
  }

  /**
   * An item's thumbnail (JPEG, long side at most 256 px). Priority `visible` by default.
   *
   * @throws LucidError NOT_FOUND, CANCELLED (signal aborted or gallery closed), or the
   *   photo's own error: FILE_NOT_FOUND, UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE, CORRUPT_IMAGE
   */
  thumbnail(
    galleryId: string,
    itemId: string,
    options: { priority?: ThumbnailPriority; signal?: AbortSignal } = {}
  ): Promise<Buffer> {
    const gallery = this.gallery(galleryId)
    const { scanned } = this.photo(gallery, itemId)
    const signals = [gallery.closing.signal, ...(options.signal ? [options.signal] : [])]
    return this.options.thumbnails.request(
      { path: scanned.path, bytes: scanned.bytes, mtimeMs: scanned.mtimeMs },
      { priority: options.priority ?? 'visible', signal: AbortSignal.any(signals) }
    )
  }

  /**
   * Tells the service which items are on screen: their thumbnails jump the queue (each still
   * reported through onThumbnailReady), and items that scrolled away fall back to background
   * priority (or are not made at all when prefetch is off). Unknown item ids are ignored.
   *
   * @throws LucidError NOT_FOUND for an unknown gallery
   */
  setVisible(galleryId: string, itemIds: readonly string[]): void {
    const gallery = this.gallery(galleryId)
    const wanted = new Set(itemIds.filter((id) => gallery.photos.has(id)))
    for (const [id, controller] of gallery.visible) {
      if (!wanted.has(id)) {
        controller.abort()
        gallery.visible.delete(id)
      }
    }
    // Queued visible requests run newest first, so the first item on screen goes in last.
    for (const id of [...wanted].reverse()) {
      if (gallery.visible.has(id) || gallery.reported.has(id)) continue
      const controller = new AbortController()
      gallery.visible.set(id, controller)
      const signal = AbortSignal.any([gallery.closing.signal, controller.signal])
      this.watch(gallery, id, 'visible', signal)
    }
  }

  /** Subscribes to thumbnail completions; returns the unsubscribe function. */
  onThumbnailReady(listener: (event: ThumbnailReadyEvent) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /**
   * Reads the history badges again (after the editor saved or dropped a history) for the
   * given items, or all of them, and returns the gallery's new state.
   *
   * @throws LucidError NOT_FOUND for an unknown gallery
   */
  async refreshHistory(galleryId: string, itemIds?: readonly string[]): Promise<GalleryState> {
    const gallery = this.gallery(galleryId)
    const photos = itemIds
      ? itemIds.flatMap((id) => gallery.photos.get(id) ?? [])
      : [...gallery.photos.values()]
    const flags = await mapBounded(photos, HISTORY_CONCURRENCY, (photo) =>
      this.hasHistory(photo.scanned.path)
    )
    photos.forEach((photo, i) => {
      const hasHistory = flags[i] ?? false
      if (photo.item.hasHistory !== hasHistory) photo.item = { ...photo.item, hasHistory }
    })
    return stateOf(gallery)
  }

  /** Forgets a gallery and drops its queued thumbnails. Closing twice is harmless. */
  close(galleryId: string): void {
    const gallery = this.galleries.get(galleryId)
    if (!gallery) return
    gallery.closing.abort()
    this.galleries.delete(galleryId)
  }

  closeAll(): void {
    for (const id of [...this.galleries.keys()]) this.close(id)
  }

  /** Requests a thumbnail and reports the outcome once per item (never a cancellation). */
  private watch(
    gallery: OpenGallery,
    itemId: string,
    priority: ThumbnailPriority,
    signal: AbortSignal
  ): void {
    const { scanned } = this.photo(gallery, itemId)
    const source = { path: scanned.path, bytes: scanned.bytes, mtimeMs: scanned.mtimeMs }
    const report = (event: ThumbnailReadyEvent): void => {
      if (gallery.reported.has(itemId) || gallery.closing.signal.aborted) return
      gallery.reported.add(itemId)
      gallery.visible.delete(itemId)
      for (const listener of this.listeners) listener(event)
    }
    this.options.thumbnails.ensure(source, { priority, signal }).then(
      () => report({ ok: true, galleryId: gallery.id, itemId }),
      (error: unknown) => {
        if (error instanceof LucidError && error.code === 'CANCELLED') return
        report({ ok: false, galleryId: gallery.id, itemId, error: thumbnailError(error) })
      }
    )
  }

  /** Whether a photo has a saved history with a step, as the editor would load it. */
  private async hasHistory(path: string): Promise<boolean> {
    try {
      const { key, source } = await HistoryStore.identify(path)
      const saved = await this.options.histories.load(key, source)
      return (saved?.steps.length ?? 0) > 0
    } catch {
      return false
    }
  }

  private gallery(galleryId: string): OpenGallery {
    const gallery = this.galleries.get(galleryId)
    if (!gallery) throw new LucidError('NOT_FOUND', 'This gallery is closed')
    return gallery
  }

  private photo(gallery: OpenGallery, itemId: string): Photo {
    const photo = gallery.photos.get(itemId)
    if (!photo) throw new LucidError('NOT_FOUND', 'This photo is not in the gallery')
    return photo
  }
}

function stateOf(gallery: OpenGallery): GalleryState {
  return {
    id: gallery.id,
    folderName: gallery.folderName,
    items: [...gallery.photos.values()].map((photo) => photo.item),
    skipped: gallery.skipped
  }
}

const thumbnailCodes: ReadonlySet<string> = new Set(THUMBNAIL_ERROR_CODES)

function thumbnailError(error: unknown): ThumbnailError {
  if (error instanceof LucidError && thumbnailCodes.has(error.code)) {
    return { code: error.code as ThumbnailError['code'], message: error.message }
  }
  return { code: 'INTERNAL', message: 'The thumbnail could not be made' }
}
