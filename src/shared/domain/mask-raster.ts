import type { Mask, Stroke } from './mask'

/**
 * Rasterises a brush mask to coverage, 0..255 per pixel: main does it at the photo's full size
 * for a deblur job, the viewer at display size for its overlay (pure TypeScript, so both can).
 *
 * Each stroke is a row of brush stamps along its path, spaced at most a quarter of the radius
 * apart. A stamp covers fully inside `hardness` × radius and falls off smoothly to 0 at the
 * radius. Within one stroke the stamps combine by maximum, capped at the stroke's opacity, so
 * dragging over the same spot does not build up; the stroke then composites over the mask:
 * paint = a + (1 − a)·s, erase = a·(1 − s). `inverted` flips the result. Only the pixels inside
 * each stroke's bounding box are visited.
 *
 * @param width output width in pixels (the image's width × scale)
 * @param height output height in pixels
 * @param scale output pixels per image pixel; default 1 (full resolution)
 * @returns width × height coverage values, row by row
 */
export function rasterizeMask(mask: Mask, width: number, height: number, scale = 1): Uint8Array {
  const coverage = new Uint8Array(width * height)
  for (const stroke of mask.strokes) compositeStroke(coverage, width, height, stroke, scale)
  if (mask.inverted) {
    for (let i = 0; i < coverage.length; i++) coverage[i] = 255 - (coverage[i] ?? 0)
  }
  return coverage
}

interface Box {
  readonly x0: number
  readonly y0: number
  /** Exclusive. */
  readonly x1: number
  readonly y1: number
}

function compositeStroke(
  coverage: Uint8Array,
  width: number,
  height: number,
  stroke: Stroke,
  scale: number
): void {
  if (stroke.opacity <= 0) return
  // Below half a pixel a stamp could fall between pixel centres and vanish at preview size.
  const radius = Math.max(0.5, (stroke.size / 2) * scale)
  const points = stroke.points.map(([x, y]): [number, number] => [x * scale, y * scale])
  const box = strokeBox(points, radius, width, height)
  if (!box) return
  const boxWidth = box.x1 - box.x0
  const own = new Float32Array(boxWidth * (box.y1 - box.y0))
  const stamp = (cx: number, cy: number): void => {
    stampInto(own, box, boxWidth, cx, cy, radius, stroke.hardness)
  }
  const spacing = radius / 4
  let [px, py] = points[0] ?? [0, 0]
  stamp(px, py)
  for (const [x, y] of points.slice(1)) {
    const steps = Math.ceil(Math.hypot(x - px, y - py) / spacing)
    for (let i = 1; i <= steps; i++) stamp(px + ((x - px) * i) / steps, py + ((y - py) * i) / steps)
    px = x
    py = y
  }
  const erase = stroke.mode === 'erase'
  for (let y = box.y0; y < box.y1; y++) {
    const ownRow = (y - box.y0) * boxWidth - box.x0
    for (let x = box.x0; x < box.x1; x++) {
      const s = (own[ownRow + x] ?? 0) * stroke.opacity
      if (s <= 0) continue
      const i = y * width + x
      const a = (coverage[i] ?? 0) / 255
      coverage[i] = Math.round((erase ? a * (1 - s) : a + (1 - a) * s) * 255)
    }
  }
}

/** The pixels a stroke can touch, clipped to the image; null when it misses the image. */
function strokeBox(
  points: readonly [number, number][],
  radius: number,
  width: number,
  height: number
): Box | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const [x, y] of points) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  const x0 = Math.max(0, Math.floor(minX - radius))
  const y0 = Math.max(0, Math.floor(minY - radius))
  const x1 = Math.min(width, Math.ceil(maxX + radius) + 1)
  const y1 = Math.min(height, Math.ceil(maxY + radius) + 1)
  return x0 < x1 && y0 < y1 ? { x0, y0, x1, y1 } : null
}

/** One brush stamp, combined by maximum into the stroke's own coverage (pixel centres at +½). */
function stampInto(
  own: Float32Array,
  box: Box,
  boxWidth: number,
  cx: number,
  cy: number,
  radius: number,
  hardness: number
): void {
  const core = radius * hardness
  const falloff = radius - core
  const x0 = Math.max(box.x0, Math.floor(cx - radius))
  const x1 = Math.min(box.x1, Math.ceil(cx + radius) + 1)
  const y0 = Math.max(box.y0, Math.floor(cy - radius))
  const y1 = Math.min(box.y1, Math.ceil(cy + radius) + 1)
  const r2 = radius * radius
  for (let y = y0; y < y1; y++) {
    const dy = y + 0.5 - cy
    const row = (y - box.y0) * boxWidth - box.x0
    for (let x = x0; x < x1; x++) {
      const dx = x + 0.5 - cx
      const d2 = dx * dx + dy * dy
      if (d2 > r2) continue
      const d = Math.sqrt(d2)
      let value = 1
      if (d > core) {
        // Smoothstep from 1 at the hard core to 0 at the radius.
        const t = (d - core) / falloff
        value = 1 - t * t * (3 - 2 * t)
      }
      const i = row + x
      if (value > (own[i] ?? 0)) own[i] = value
    }
  }
}

/**
 * The bounding box of a coverage raster's non-zero pixels, or null when it covers nothing.
 */
export function coverageBounds(
  coverage: Uint8Array,
  width: number,
  height: number
): { x: number; y: number; width: number; height: number } | null {
  let top = -1
  let bottom = -1
  let left = width
  let right = -1
  for (let y = 0; y < height; y++) {
    const row = coverage.subarray(y * width, (y + 1) * width)
    const first = row.findIndex((v) => v !== 0)
    if (first < 0) continue
    if (top < 0) top = y
    bottom = y
    left = Math.min(left, first)
    right = Math.max(
      right,
      row.findLastIndex((v) => v !== 0)
    )
  }
  if (top < 0) return null
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 }
}

/**
 * Where a mask can be non-zero, from its strokes alone (no rasterising): the union of its paint
 * strokes' reach, clipped to the image; the whole image when inverted; null when nothing is
 * painted. Cheap enough for an estimate on every slider move.
 */
export function maskReach(
  mask: Mask,
  width: number,
  height: number
): { x: number; y: number; width: number; height: number } | null {
  if (mask.inverted) return { x: 0, y: 0, width, height }
  let box: Box | null = null
  for (const stroke of mask.strokes) {
    if (stroke.mode !== 'paint' || stroke.opacity <= 0) continue
    const own = strokeBox(stroke.points, Math.max(0.5, stroke.size / 2), width, height)
    if (!own) continue
    box = box
      ? {
          x0: Math.min(box.x0, own.x0),
          y0: Math.min(box.y0, own.y0),
          x1: Math.max(box.x1, own.x1),
          y1: Math.max(box.y1, own.y1)
        }
      : own
  }
  return box && { x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 }
}
