import type { Stroke } from '../../../shared/domain/mask'
import { MAX_STROKE_POINTS } from '../../../shared/domain/mask'
import type { Point } from './viewport'

/**
 * Records one brush gesture as a Stroke in image coordinates. Points closer than
 * `MIN_SPACING_SCREEN` screen pixels to the last kept point are dropped, so a slow drag does
 * not produce thousands of points the overlay and main would have to draw.
 */
export const MIN_SPACING_SCREEN = 2

export interface StrokeStyle {
  readonly mode: Stroke['mode']
  readonly size: number
  readonly hardness: number
  readonly opacity: number
}

/** Two decimals of an image pixel are plenty and keep history records small. */
function round(n: number): number {
  return Math.round(n * 100) / 100
}

export class StrokeRecorder {
  readonly style: StrokeStyle
  private readonly kept: [number, number][] = []

  /** @param first the pointer-down position, in image pixels */
  constructor(style: StrokeStyle, first: Point) {
    this.style = style
    this.kept.push([round(first.x), round(first.y)])
  }

  /** The points kept so far (the recorder owns the array; do not modify it). */
  get points(): readonly (readonly [number, number])[] {
    return this.kept
  }

  /**
   * Adds a point if it is at least MIN_SPACING_SCREEN screen pixels from the last kept one.
   *
   * @param p image pixels
   * @param scale screen pixels per image pixel at the time of the move
   * @returns whether the point was kept
   */
  add(p: Point, scale: number): boolean {
    if (this.kept.length >= MAX_STROKE_POINTS) return false
    const last = this.kept[this.kept.length - 1]
    if (!last) return false
    const minImage = MIN_SPACING_SCREEN / scale
    if (Math.hypot(p.x - last[0], p.y - last[1]) < minImage) return false
    this.kept.push([round(p.x), round(p.y)])
    return true
  }

  /** The finished stroke. */
  finish(): Stroke {
    return { ...this.style, points: this.kept.map(([x, y]) => [x, y]) }
  }
}
