import type { Point } from './viewport'

/**
 * Places brush dabs at even spacing along a polyline, incrementally: each new point returns
 * only the dabs its segment adds, so drawing a stroke live costs O(new length), not O(stroke).
 */
export class DabWalker {
  private readonly spacing: number
  private last: Point | null = null
  /** Distance along the path still to go before the next dab. */
  private toNext = 0

  /** @param spacing distance between dab centres, in the same units as the points (> 0) */
  constructor(spacing: number) {
    if (!(spacing > 0)) throw new RangeError(`Expected positive spacing but received ${spacing}`)
    this.spacing = spacing
  }

  /** Extends the path to `p`; returns the dab centres it adds (the first point is a dab). */
  add(p: Point): Point[] {
    const last = this.last
    this.last = p
    if (!last) {
      this.toNext = this.spacing
      return [p]
    }
    const length = Math.hypot(p.x - last.x, p.y - last.y)
    const dabs: Point[] = []
    let along = this.toNext
    while (along <= length) {
      const t = along / length
      dabs.push({ x: last.x + (p.x - last.x) * t, y: last.y + (p.y - last.y) * t })
      along += this.spacing
    }
    this.toNext = along - length
    return dabs
  }
}

/** Dab spacing for a brush radius (in canvas pixels): close enough that edges look smooth. */
export function dabSpacing(radius: number): number {
  return Math.max(0.5, radius * 0.15)
}
