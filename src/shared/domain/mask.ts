import { z } from 'zod'

/**
 * A brush mask as the strokes that painted it, in full-resolution image coordinates. Strokes
 * are resolution independent: main rasterises them at the photo's full size for a job (see
 * mask-raster.ts), the viewer at display size for its overlay, and a history step stores them
 * in a few kilobytes instead of a 24-megapixel bitmap.
 */

/** Guards against a hostile or runaway caller; far above what a person paints. */
export const MAX_MASK_STROKES = 5_000
export const MAX_STROKE_POINTS = 20_000
export const MAX_BRUSH_SIZE = 5_000

const Coordinate = z.number().min(-1e6).max(1e6)

export const StrokeSchema = z.strictObject({
  /** paint adds to the mask, erase removes from it. */
  mode: z.enum(['paint', 'erase']),
  /** Brush diameter in image pixels. */
  size: z.number().min(1).max(MAX_BRUSH_SIZE),
  /** 1 = a hard edge; 0 = the whole radius is a soft falloff. */
  hardness: z.number().min(0).max(1),
  /** The most this stroke changes a pixel's coverage (0..1). */
  opacity: z.number().min(0).max(1),
  /** The brush centre's path, [x, y] pairs in image pixels. */
  points: z
    .array(z.tuple([Coordinate, Coordinate]))
    .min(1)
    .max(MAX_STROKE_POINTS)
})
export type Stroke = z.infer<typeof StrokeSchema>

export const MaskSchema = z.strictObject({
  strokes: z.array(StrokeSchema).max(MAX_MASK_STROKES),
  /** Inverted: the operation applies everywhere except where painted. */
  inverted: z.boolean().default(false)
})
export type Mask = z.infer<typeof MaskSchema>
export type MaskInput = z.input<typeof MaskSchema>

export const EMPTY_MASK: Mask = { strokes: [], inverted: false }

/** Whether a mask selects nothing at all (no paint strokes and not inverted). */
export function isEmptyMask(mask: Mask): boolean {
  return !mask.inverted && !mask.strokes.some((s) => s.mode === 'paint' && s.opacity > 0)
}
