import type { ImageRoute } from '../../shared/ipc/image-routes'
import { LucidError } from '../../shared/ipc/errors'
import type { EncodedImage } from '../engine/encode'

/** The document routes' part: the editor's document service. */
export interface DocumentImages {
  preview(docId: string, revision: number): Promise<EncodedImage>
  original(docId: string): Promise<EncodedImage>
  region(
    docId: string,
    revision: number,
    rect: { x: number; y: number; width: number; height: number },
    out: number
  ): Promise<EncodedImage>
  thumb(docId: string, stepId: string): Promise<Buffer>
}

/** The gallery's part: its thumbnails (JPEG), by gallery and item id. */
export interface GalleryImages {
  thumbnail(galleryId: string, itemId: string): Promise<Buffer>
}

/** What the image routes read from (see Core.images). */
export interface ImageSource extends DocumentImages {
  /** Absent (a host without galleries, e.g. the bare document service): gallery-thumb is NOT_FOUND. */
  readonly gallery?: GalleryImages
}

/**
 * The bytes and content type of an image route: one function behind Electron's
 * `lucid://image/…` and the bridge's `/image/…`, so both serve exactly the same pixels.
 *
 * @throws LucidError NOT_FOUND for a document that is not open, a revision that is not
 *   current, a step it does not have, or a region outside the image, or a gallery item that is
 *   not open; a gallery photo's own error (CORRUPT_IMAGE, …) when it has no thumbnail
 */
export async function serveImageRoute(
  source: ImageSource,
  route: ImageRoute
): Promise<EncodedImage> {
  switch (route.kind) {
    case 'preview':
      return source.preview(route.docId, route.revision)
    case 'original':
      return source.original(route.docId)
    case 'region':
      return source.region(
        route.docId,
        route.revision,
        { x: route.x, y: route.y, width: route.width, height: route.height },
        route.out
      )
    case 'thumb':
      return { data: await source.thumb(route.docId, route.stepId), contentType: 'image/png' }
    case 'gallery-thumb':
      if (!source.gallery) throw new LucidError('NOT_FOUND', 'No gallery is open')
      return {
        data: await source.gallery.thumbnail(route.galleryId, route.itemId),
        contentType: 'image/jpeg'
      }
  }
}
