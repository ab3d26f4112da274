/**
 * The pixels the renderer may fetch, addressed by document (and step) id, never by path. One
 * parser serves Electron's `lucid://image/…` protocol and the loopback bridge's `/image/…`, so
 * both expose exactly the same routes.
 *
 * - `preview/<doc>/<revision>`: the current result, long side at most PREVIEW_MAX_SIDE
 * - `original/<doc>`: the original photo, same size limit (before/after)
 * - `region/<doc>/<revision>?x&y&w&h&out`: a full-resolution crop of the current result,
 *   resampled so its long side is `out` (at most PREVIEW_MAX_SIDE): detail when zoomed in
 * - `thumb/<doc>/<step>`: a step's small thumbnail (`original` for the photo itself)
 * - `gallery-thumb/<gallery>/<item>`: a gallery photo's thumbnail (256 px)
 */
export type ImageRoute =
  | { readonly kind: 'preview'; readonly docId: string; readonly revision: number }
  | { readonly kind: 'original'; readonly docId: string }
  | {
      readonly kind: 'region'
      readonly docId: string
      readonly revision: number
      readonly x: number
      readonly y: number
      readonly width: number
      readonly height: number
      /** Long side of the returned image, in pixels. */
      readonly out: number
    }
  | { readonly kind: 'thumb'; readonly docId: string; readonly stepId: string }
  | { readonly kind: 'gallery-thumb'; readonly galleryId: string; readonly itemId: string }

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const STEP = `(?:${UUID}|original)`
const INT = /^\d{1,9}$/

/** The path (no leading slash) and query of a route. */
export function formatImageRoute(route: ImageRoute): string {
  switch (route.kind) {
    case 'preview':
      return `preview/${route.docId}/${route.revision}`
    case 'original':
      return `original/${route.docId}`
    case 'region':
      return (
        `region/${route.docId}/${route.revision}?x=${Math.round(route.x)}&y=${Math.round(route.y)}` +
        `&w=${Math.round(route.width)}&h=${Math.round(route.height)}&out=${Math.round(route.out)}`
      )
    case 'thumb':
      return `thumb/${route.docId}/${route.stepId}`
    case 'gallery-thumb':
      return `gallery-thumb/${route.galleryId}/${route.itemId}`
  }
}

/** Parses a route from a URL's path (after the prefix) and query; null when malformed. */
export function parseImageRoute(path: string, query: URLSearchParams): ImageRoute | null {
  const clean = path.replace(/^\/+/, '')
  let match = new RegExp(`^preview/(${UUID})/(\\d{1,9})$`).exec(clean)
  if (match) return { kind: 'preview', docId: match[1] ?? '', revision: Number(match[2]) }
  match = new RegExp(`^original/(${UUID})$`).exec(clean)
  if (match) return { kind: 'original', docId: match[1] ?? '' }
  match = new RegExp(`^thumb/(${UUID})/(${STEP})$`).exec(clean)
  if (match) return { kind: 'thumb', docId: match[1] ?? '', stepId: match[2] ?? '' }
  match = new RegExp(`^gallery-thumb/(${UUID})/([0-9a-f]{16})$`).exec(clean)
  if (match) return { kind: 'gallery-thumb', galleryId: match[1] ?? '', itemId: match[2] ?? '' }
  match = new RegExp(`^region/(${UUID})/(\\d{1,9})$`).exec(clean)
  if (!match) return null
  const numbers = ['x', 'y', 'w', 'h', 'out'].map((key) => query.get(key) ?? '')
  if (!numbers.every((n) => INT.test(n))) return null
  const [x = 0, y = 0, width = 0, height = 0, out = 0] = numbers.map(Number)
  if (width < 1 || height < 1 || out < 1) return null
  return {
    kind: 'region',
    docId: match[1] ?? '',
    revision: Number(match[2]),
    x,
    y,
    width,
    height,
    out
  }
}
