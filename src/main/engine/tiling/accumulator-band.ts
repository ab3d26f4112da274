import { LucidError } from '../../../shared/ipc/errors'

/** Where one tile's output lands, in output pixels relative to the region's top-left corner. */
export interface TilePlacement {
  /** Output position of the tile's top-left pixel (negative when it starts before the region). */
  readonly left: number
  readonly top: number
  /** The tile's output width in pixels (its row stride). */
  readonly width: number
  /** The output columns [x0, x1) and rows [y0, y1) the tile contributes to. */
  readonly x0: number
  readonly x1: number
  readonly y0: number
  readonly y1: number
  /** Blend weight per tile output column and per tile output row. */
  readonly columnWeights: Float32Array
  readonly rowWeights: Float32Array
}

/**
 * The only float copy of the output: a band of rows as wide as the region and at most one tile
 * row tall, holding the weighted sum of tile outputs and the sum of their weights. Rows no later
 * tile can reach are divided out, rounded and clamped into the integer RGB output, and the rows
 * still blending move up to the band's top. Memory therefore grows with the image width, never
 * with its area.
 */
export class AccumulatorBand {
  private readonly sums: Float32Array
  private readonly weights: Float32Array
  /** The output row held in band row 0; every row above it is final. */
  private top = 0

  /**
   * @param output the integer RGB output, `width` × its height × 3
   * @param maxValue the largest output sample (255 or 65535)
   * @param capacity rows the band holds: the tallest run of rows one tile row contributes to
   */
  constructor(
    private readonly output: Uint8Array | Uint16Array,
    private readonly width: number,
    private readonly maxValue: number,
    readonly capacity: number
  ) {
    this.sums = new Float32Array(width * capacity * 3)
    this.weights = new Float32Array(width * capacity)
  }

  /** Adds one tile's NHWC RGB output, weighted by its column weight × row weight. */
  add(tile: Float32Array, placement: TilePlacement): void {
    const { left, top, width, x0, x1, y0, y1, columnWeights, rowWeights } = placement
    if (y0 < this.top || y1 - this.top > this.capacity || x0 < 0 || x1 > this.width) {
      throw new LucidError('INTERNAL', `Tile rows ${y0}–${y1} fall outside the blending band`)
    }
    // Locals, not fields, in the loops: V8 then keeps the arrays in registers. A hot path: an
    // ×2 run of a 2-MP photo blends 8 M output pixels.
    const sums = this.sums
    const weights = this.weights
    const bandTop = this.top
    for (let y = y0; y < y1; y += 1) {
      const rowWeight = rowWeights[y - top] ?? 0
      const bandRow = (y - bandTop) * this.width
      const tileRow = (y - top) * width - left
      for (let x = x0; x < x1; x += 1) {
        const weight = rowWeight * (columnWeights[x - left] ?? 0)
        const from = (tileRow + x) * 3
        const to = (bandRow + x) * 3
        sums[to] = (sums[to] ?? 0) + (tile[from] ?? 0) * weight
        sums[to + 1] = (sums[to + 1] ?? 0) + (tile[from + 1] ?? 0) * weight
        sums[to + 2] = (sums[to + 2] ?? 0) + (tile[from + 2] ?? 0) * weight
        weights[bandRow + x] = (weights[bandRow + x] ?? 0) + weight
      }
    }
  }

  /**
   * Writes the output rows before `end` (those no later tile reaches) as integers and moves the
   * rest of the band up. Rows already written are skipped, so `end` may lag behind.
   */
  flushUntil(end: number): void {
    const rows = end - this.top
    if (rows <= 0) return
    if (rows > this.capacity) {
      throw new LucidError('INTERNAL', `Cannot flush ${rows} rows from a ${this.capacity}-row band`)
    }
    const pixels = rows * this.width
    const { sums, weights, output, maxValue } = this
    const first = this.top * this.width * 3
    for (let p = 0, from = 0, to = first; p < pixels; p += 1, from += 3, to += 3) {
      // Scaled once per pixel; a pixel with weight 0 (none here) becomes NaN and is written 0.
      const toSample = maxValue / (weights[p] ?? 0)
      // Clamp to 0..max, then round half up as Math.round does (the value is non-negative).
      output[to] = Math.min(maxValue, Math.max(0, (sums[from] ?? 0) * toSample)) + 0.5
      output[to + 1] = Math.min(maxValue, Math.max(0, (sums[from + 1] ?? 0) * toSample)) + 0.5
      output[to + 2] = Math.min(maxValue, Math.max(0, (sums[from + 2] ?? 0) * toSample)) + 0.5
    }
    this.sums.copyWithin(0, pixels * 3).fill(0, this.sums.length - pixels * 3)
    this.weights.copyWithin(0, pixels).fill(0, this.weights.length - pixels)
    this.top = end
  }
}
