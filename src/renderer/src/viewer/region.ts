import { PREVIEW_MAX_SIDE } from '../../../shared/domain/limits'
import type { Size, Viewport } from './viewport'
import { visibleImageRect } from './viewport'

/**
 * When and what full-resolution detail to fetch. The preview holds at most PREVIEW_MAX_SIDE
 * pixels on its long side; zoomed in further than that, the viewer asks main for a `region`
 * route covering what is visible, so 100 % shows the photo's real pixels.
 */

/** A region route's parameters, in integer image pixels. */
export interface RegionRequest {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  /** Long side of the returned bitmap. */
  readonly out: number
}

/** Preview pixels per image pixel. */
export function previewScale(image: Size, maxSide = PREVIEW_MAX_SIDE): number {
  return Math.min(1, maxSide / Math.max(image.width, image.height))
}

/** The preview bitmap's size for an image (what main renders, give or take rounding). */
export function previewSize(image: Size, maxSide = PREVIEW_MAX_SIDE): Size {
  const s = previewScale(image, maxSide)
  return {
    width: Math.max(1, Math.round(image.width * s)),
    height: Math.max(1, Math.round(image.height * s))
  }
}

/** A region bitmap must beat the preview's density by this much to be worth fetching. */
const WORTHWHILE_GAIN = 1.05

/**
 * The region to fetch for a view, or null when the preview is already sharp enough (zoomed out,
 * or the photo is small enough that the preview is full resolution).
 *
 * The rectangle is the visible part of the image rounded outwards to whole pixels; `out` is
 * its size in device pixels, capped at PREVIEW_MAX_SIDE and at the rectangle's own long side
 * (main never needs to enlarge).
 */
export function regionRequest(
  v: Viewport,
  image: Size,
  view: Size,
  devicePixelRatio: number,
  maxSide = PREVIEW_MAX_SIDE
): RegionRequest | null {
  const base = previewScale(image, maxSide)
  const density = v.scale * devicePixelRatio
  if (base >= 1 || density <= base * WORTHWHILE_GAIN) return null
  const rect = visibleImageRect(v, image, view)
  if (!rect) return null
  const x = Math.max(0, Math.floor(rect.x))
  const y = Math.max(0, Math.floor(rect.y))
  const width = Math.min(image.width, Math.ceil(rect.x + rect.width)) - x
  const height = Math.min(image.height, Math.ceil(rect.y + rect.height)) - y
  const long = Math.max(width, height)
  const out = Math.max(1, Math.min(maxSide, long, Math.ceil(long * density)))
  if (out / long <= base * WORTHWHILE_GAIN) return null
  return { x, y, width, height, out }
}

/** Whether a loaded region covers a wanted one (then the view needs nothing new). */
export function regionCovers(have: RegionRequest, want: RegionRequest): boolean {
  return (
    have.x <= want.x &&
    have.y <= want.y &&
    have.x + have.width >= want.x + want.width &&
    have.y + have.height >= want.y + want.height &&
    have.out / Math.max(have.width, have.height) >=
      (want.out / Math.max(want.width, want.height)) * 0.99
  )
}
