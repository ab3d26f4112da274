import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'
import { coverageBounds } from '../../../shared/domain/mask-raster'

export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Checks a deblur mask: one 8-bit channel, the image's size. */
export function assertMaskFits(mask: RawImage, image: RawImage): void {
  if (mask.channels !== 1 || mask.bitDepth !== 8) {
    throw new LucidError('INVALID_ARGUMENT', 'The mask must be an 8-bit greyscale image')
  }
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `The mask is ${mask.width}×${mask.height} but the image is ${image.width}×${image.height}`
    )
  }
}

/** The smallest rectangle holding every non-zero mask pixel, or null for an empty mask. */
export function maskBounds(mask: RawImage): Rect | null {
  return coverageBounds(mask.data as Uint8Array, mask.width, mask.height)
}

/** `rect` grown by `margin` on every side, clipped to the image. */
export function expandRect(rect: Rect, margin: number, width: number, height: number): Rect {
  const x = Math.max(0, rect.x - margin)
  const y = Math.max(0, rect.y - margin)
  return {
    x,
    y,
    width: Math.min(width, rect.x + rect.width + margin) - x,
    height: Math.min(height, rect.y + rect.height + margin) - y
  }
}

/**
 * Softens a mask's edges inward only: min(mask, blurred mask). A hard-edged mask (from a file)
 * then fades in over about `sigma`·2 pixels inside its edge, and every pixel that was 0 stays 0,
 * so the blend never reaches outside what was painted.
 */
export async function featherInward(mask: RawImage, sigma: number): Promise<RawImage> {
  if (sigma < 0.3) return mask
  // sharp writes one-band input back as sRGB unless a single band is asked for.
  const blurred = await toRawImage(sharpFromRaw(mask).blur(sigma).extractChannel(0), 8)
  const data = new Uint8Array(mask.data.length)
  for (let i = 0; i < data.length; i++) data[i] = Math.min(mask.data[i] ?? 0, blurred.data[i] ?? 0)
  return { ...mask, data }
}
