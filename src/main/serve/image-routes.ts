import type { ImageRoute } from '../../shared/ipc/image-routes'
import type { EncodedImage } from '../engine/encode'

/** What the image routes read from: the editor's document service. */
export interface ImageSource {
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

/**
 * The bytes and content type of an image route: one function behind Electron's
 * `lucid://image/…` and the bridge's `/image/…`, so both serve exactly the same pixels.
 *
 * @throws LucidError NOT_FOUND for a document that is not open, a revision that is not
 *   current, a step it does not have, or a region outside the image
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
  }
}
