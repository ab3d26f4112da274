import { BRUSH_LIMITS } from '../state/view-store'

/** `[` shrinks the brush by this factor, `]` grows it by its inverse-ish (1.25). */
export const SHRINK = 0.8
export const GROW = 1.25

/**
 * The brush size after a key press, or null when the key is not a brush-size key. Always
 * changes a size by at least one pixel and keeps it within BRUSH_LIMITS.
 */
export function brushSizeForKey(key: string, size: number): number | null {
  let next: number
  if (key === '[') next = Math.min(size - 1, Math.round(size * SHRINK))
  else if (key === ']') next = Math.max(size + 1, Math.round(size * GROW))
  else return null
  return Math.min(BRUSH_LIMITS.maxSize, Math.max(BRUSH_LIMITS.minSize, next))
}
