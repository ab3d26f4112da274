import type { Stroke } from '../../shared/domain/mask'

/** Brush diameter of the strokes: a broad brush, as one paints a region. */
const BRUSH = 64

/**
 * Hard brush strokes that paint a `side`×`side` square centred in a `width`×`height` photo, the
 * way a person fills an area: side-by-side horizontal strokes one brush width apart. The round
 * caps reach the square's left and right edges, the outer strokes its top and bottom.
 *
 * @throws Error when the square does not fit the photo or is narrower than the brush
 */
export function squareStrokes(width: number, height: number, side: number): Stroke[] {
  if (side < BRUSH || side > width || side > height) {
    throw new Error(
      `Expected a square side in ${BRUSH}..${Math.min(width, height)} but got ${side}`
    )
  }
  const left = Math.floor((width - side) / 2)
  const top = Math.floor((height - side) / 2)
  const radius = BRUSH / 2
  const strokes: Stroke[] = []
  for (let y = top + radius; y <= top + side - radius; y += BRUSH) {
    strokes.push({
      mode: 'paint',
      size: BRUSH,
      hardness: 1,
      opacity: 1,
      points: [
        [left + radius, y],
        [left + side - radius, y]
      ]
    })
  }
  return strokes
}
