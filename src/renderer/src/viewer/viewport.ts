/**
 * The mapping between screen and image coordinates, as pure functions.
 *
 * A point in image pixels (x, y) appears at screen point (x · scale + offsetX, y · scale +
 * offsetY), in CSS pixels relative to the viewer's top-left corner. `scale` is CSS pixels per
 * image pixel; "100 %" means one image pixel per *device* pixel (see `actualScale`), so a
 * photo at 100 % on a 2× display shows every pixel, as Photoshop and Lightroom do.
 */
export interface Viewport {
  readonly scale: number
  readonly offsetX: number
  readonly offsetY: number
}

export interface Size {
  readonly width: number
  readonly height: number
}

export interface Point {
  readonly x: number
  readonly y: number
}

/** Zoom limits, in device pixels per image pixel: 1/64 (a 50 MP photo fits a phone) to 32. */
export const MIN_ZOOM = 1 / 64
export const MAX_ZOOM = 32

/** Free space kept around a fitted photo, in CSS pixels. */
export const FIT_PADDING = 16

/** The CSS scale at which one image pixel covers one device pixel. */
export function actualScale(devicePixelRatio: number): number {
  return 1 / (devicePixelRatio > 0 ? devicePixelRatio : 1)
}

/** Clamps a CSS scale to MIN_ZOOM..MAX_ZOOM device pixels per image pixel. */
export function clampScale(scale: number, devicePixelRatio = 1): number {
  const dpr = devicePixelRatio > 0 ? devicePixelRatio : 1
  return Math.min(MAX_ZOOM / dpr, Math.max(MIN_ZOOM / dpr, scale))
}

/** Screen (CSS px, viewer-relative) to image pixels. */
export function screenToImage(v: Viewport, p: Point): Point {
  return { x: (p.x - v.offsetX) / v.scale, y: (p.y - v.offsetY) / v.scale }
}

/** Image pixels to screen (CSS px, viewer-relative); the exact inverse of screenToImage. */
export function imageToScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.scale + v.offsetX, y: p.y * v.scale + v.offsetY }
}

/**
 * The whole image centred in the view with FIT_PADDING around it. A photo smaller than the
 * view is not enlarged past 100 % (its pixels would only get blurry).
 *
 * @param devicePixelRatio caps the scale at actualScale(devicePixelRatio); default 1
 */
export function fit(
  image: Size,
  view: Size,
  devicePixelRatio = 1,
  padding = FIT_PADDING
): Viewport {
  const room = (side: number): number => Math.max(1, side - 2 * padding)
  const scale = clampScale(
    Math.min(
      room(view.width) / image.width,
      room(view.height) / image.height,
      actualScale(devicePixelRatio)
    ),
    devicePixelRatio
  )
  return centred(scale, image, view)
}

/** The image at `scale`, centred in the view. */
export function centred(scale: number, image: Size, view: Size): Viewport {
  return {
    scale,
    offsetX: (view.width - image.width * scale) / 2,
    offsetY: (view.height - image.height * scale) / 2
  }
}

/**
 * Zooms by `factor` keeping the image point under `anchor` (screen) where it is. The scale is
 * clamped to the zoom limits, so the factor applied may be smaller than asked.
 */
export function zoomAt(v: Viewport, anchor: Point, factor: number, devicePixelRatio = 1): Viewport {
  return zoomTo(v, anchor, v.scale * factor, devicePixelRatio)
}

/** Sets the scale, keeping the image point under `anchor` fixed. */
export function zoomTo(v: Viewport, anchor: Point, scale: number, devicePixelRatio = 1): Viewport {
  const next = clampScale(scale, devicePixelRatio)
  const fixed = screenToImage(v, anchor)
  return { scale: next, offsetX: anchor.x - fixed.x * next, offsetY: anchor.y - fixed.y * next }
}

/** Moves the image by (dx, dy) screen pixels. */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { scale: v.scale, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy }
}

/**
 * Keeps the image from being lost: on an axis where it is smaller than the view it is centred;
 * where it is larger, its edges may not come further into the view than `margin` pixels.
 */
export function clampViewport(v: Viewport, image: Size, view: Size, margin = 0): Viewport {
  const axis = (offset: number, imageSide: number, viewSide: number): number => {
    const shown = imageSide * v.scale
    if (shown <= viewSide) return (viewSide - shown) / 2
    return Math.min(margin, Math.max(viewSide - shown - margin, offset))
  }
  return {
    scale: v.scale,
    offsetX: axis(v.offsetX, image.width, view.width),
    offsetY: axis(v.offsetY, image.height, view.height)
  }
}

/** The part of the image the view shows, in image pixels, clipped to the image; null if none. */
export function visibleImageRect(
  v: Viewport,
  image: Size,
  view: Size
): { x: number; y: number; width: number; height: number } | null {
  const topLeft = screenToImage(v, { x: 0, y: 0 })
  const bottomRight = screenToImage(v, { x: view.width, y: view.height })
  const x0 = Math.max(0, topLeft.x)
  const y0 = Math.max(0, topLeft.y)
  const x1 = Math.min(image.width, bottomRight.x)
  const y1 = Math.min(image.height, bottomRight.y)
  if (x1 <= x0 || y1 <= y0) return null
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/** A zoom for people: "100%", "33%", "4.7%" (device pixels per image pixel → percent). */
export function formatZoom(devicePixelsPerImagePixel: number): string {
  const percent = devicePixelsPerImagePixel * 100
  return percent >= 10 ? `${Math.round(percent)}%` : `${Math.round(percent * 10) / 10}%`
}
