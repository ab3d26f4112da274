/**
 * Maps any index onto 0..length-1 by mirroring about the edge samples without repeating them
 * (numpy's 'reflect', OpenCV's BORDER_REFLECT_101): for length 5, -1 → 1, 5 → 3, 9 → 1.
 *
 * Mirroring keeps the texture continuous across the border, so a model sees plausible content
 * instead of a hard edge or a flat run of copies. The pattern repeats with period
 * 2·(length − 1), which lets a 256-pixel fixed-size tile be filled from an image only a few
 * pixels wide.
 */
export function reflectIndex(index: number, length: number): number {
  if (length === 1) return 0
  const period = 2 * (length - 1)
  const folded = ((index % period) + period) % period
  return folded < length ? folded : period - folded
}
