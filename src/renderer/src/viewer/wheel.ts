/**
 * How much one wheel event zooms. A mouse wheel notch (about 100 px of deltaY) zooms by about
 * 1.2×; a trackpad pinch arrives as ctrl+wheel with small deltas and zooms faster per pixel so
 * the photo follows the fingers.
 */
export interface WheelLike {
  readonly deltaY: number
  readonly deltaMode: number
  readonly ctrlKey: boolean
  readonly metaKey?: boolean
}

const LINE_PIXELS = 33
const PAGE_PIXELS = 800

export function wheelZoomFactor(event: WheelLike): number {
  const unit = event.deltaMode === 1 ? LINE_PIXELS : event.deltaMode === 2 ? PAGE_PIXELS : 1
  const pixels = Math.max(-300, Math.min(300, event.deltaY * unit))
  const perPixel = event.ctrlKey || event.metaKey ? 0.01 : 0.0018
  return Math.exp(-pixels * perPixel)
}
