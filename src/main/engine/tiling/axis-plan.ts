/** A half-open run [start, end) of source pixels along one axis. */
export interface Interval {
  readonly start: number
  readonly end: number
}

/**
 * One tile along one axis, in source pixels. The tile reads [start, start + length); samples
 * past the image end are reflected. Its output counts with weight 0 before `fadeIn.start`, rises
 * across `fadeIn`, is 1 until `fadeOut.start`, falls across `fadeOut` and is 0 from
 * `fadeOut.end`. A side with no neighbouring tile has an empty fade at the tile's own edge, so
 * it keeps full weight up to the image (or region) border.
 */
export interface AxisSpan {
  readonly start: number
  readonly length: number
  readonly fadeIn: Interval
  readonly fadeOut: Interval
}

export interface AxisPlanInput {
  readonly imageLength: number
  /** The pixels the caller wants produced, inside [0, imageLength). */
  readonly region: Interval
  readonly tileSize: number
  readonly overlap: number
  readonly divisibility: number
  /** The model takes exactly `tileSize` pixels (MAXIM); otherwise any multiple of `divisibility` up to it. */
  readonly fixedInput: boolean
}

/**
 * Plans the tiles along one axis: overlapping windows that cover the region plus `overlap`
 * pixels of context on each side (where the image has them), with the fade between each pair
 * of neighbours centred in their shared pixels. Neighbouring fades are complementary, so the
 * weights of all tiles sum to 1 at every pixel. Assumes arguments checked by `planTiles`.
 */
export function planAxis(input: AxisPlanInput): AxisSpan[] {
  const { imageLength, region, tileSize, overlap } = input
  // Real context around the region: its border pixels then see what they would see in a
  // whole-image run, not padding.
  const reach: Interval = {
    start: Math.max(0, region.start - overlap),
    end: Math.min(imageLength, region.end + overlap)
  }
  const reachLength = reach.end - reach.start
  const count =
    reachLength <= tileSize ? 1 : Math.ceil((reachLength - overlap) / (tileSize - overlap))
  const length = tileLength(input, reachLength, count)
  const startOf = tileStarts(reach, length, count, imageLength)
  const spans = withFades(startOf, length, count, overlap)
  // With a large overlap the outermost tiles may only feed the context margin: skip them. Their
  // neighbours' fades toward them lie outside the region too, so nothing inside changes.
  return spans.filter(
    (span) => Math.max(span.fadeIn.start, region.start) < Math.min(span.fadeOut.end, region.end)
  )
}

function tileLength(input: AxisPlanInput, reachLength: number, count: number): number {
  if (input.fixedInput) return input.tileSize
  // A dynamic model gets the shortest tile that still overlaps its neighbours by `overlap`:
  // every padded or doubly covered pixel is inference time spent for nothing.
  const shortest = Math.ceil((reachLength + (count - 1) * input.overlap) / count)
  return Math.min(input.tileSize, roundUp(shortest, input.divisibility))
}

function tileStarts(
  reach: Interval,
  length: number,
  count: number,
  imageLength: number
): (index: number) => number {
  if (count === 1) {
    if (imageLength <= length) return () => 0
    // A tile longer than the reach takes real pixels from around it rather than reflections.
    const centred = reach.start - Math.floor((length - (reach.end - reach.start)) / 2)
    const start = Math.min(Math.max(centred, 0), imageLength - length)
    return () => start
  }
  // Spread evenly: every overlap is then at least `overlap` (the count and length guarantee it).
  const step = (reach.end - reach.start - length) / (count - 1)
  return (index) => reach.start + Math.round(index * step)
}

function withFades(
  startOf: (index: number) => number,
  length: number,
  count: number,
  overlap: number
): AxisSpan[] {
  const pairs = count - 1
  const centre = (pair: number): number =>
    Math.floor((startOf(pair) + length + startOf(pair + 1)) / 2)
  const fade = (pair: number): Interval => {
    const shared = startOf(pair) + length - startOf(pair + 1)
    // Narrower than the neighbouring fades' spacing, so a tile never fades in and out at once.
    const before = pair > 0 ? centre(pair) - centre(pair - 1) : Infinity
    const after = pair + 1 < pairs ? centre(pair + 1) - centre(pair) : Infinity
    const width = Math.min(overlap, shared, before, after)
    const start = centre(pair) - Math.floor(width / 2)
    return { start, end: start + width }
  }
  return Array.from({ length: count }, (_, index) => {
    const start = startOf(index)
    const end = start + length
    return {
      start,
      length,
      fadeIn: index > 0 ? fade(index - 1) : { start, end: start },
      fadeOut: index < pairs ? fade(index) : { start: end, end }
    }
  })
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple
}
