import type { Sharp } from 'sharp'
import { PREVIEW_MAX_SIDE } from '../../shared/domain/limits'
import { LucidError } from '../../shared/ipc/errors'
import type { EncodedImage } from '../engine/encode'
import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw } from '../engine/raw-image'

/** Long side of a history thumbnail. */
export const THUMB_SIDE = 128

/**
 * The viewer's rendition of a result: long side at most PREVIEW_MAX_SIDE, JPEG quality 90, or
 * PNG when the image has alpha (so transparency shows). 16-bit results are shown at 8 bits.
 */
export function encodePreview(image: RawImage): Promise<EncodedImage> {
  return encodeForDisplay(
    eightBit(sharpFromRaw(image), image).resize({
      width: PREVIEW_MAX_SIDE,
      height: PREVIEW_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true
    }),
    image
  )
}

/**
 * A full-resolution crop, resampled so its long side is `out`: the viewer's detail when zoomed
 * in. The rectangle is clipped to the image.
 *
 * @throws LucidError NOT_FOUND when the rectangle lies outside the image
 */
export async function encodeRegion(
  image: RawImage,
  rect: { x: number; y: number; width: number; height: number },
  out: number
): Promise<EncodedImage> {
  const left = Math.min(Math.max(0, rect.x), image.width)
  const top = Math.min(Math.max(0, rect.y), image.height)
  const width = Math.min(rect.width, image.width - left)
  const height = Math.min(rect.height, image.height - top)
  if (width < 1 || height < 1) {
    throw new LucidError('NOT_FOUND', 'That region is outside the image')
  }
  const side = Math.min(out, PREVIEW_MAX_SIDE)
  const pipeline = eightBit(sharpFromRaw(image), image)
    .extract({ left, top, width, height })
    .resize({ width: side, height: side, fit: 'inside' })
  return encodeForDisplay(pipeline, image)
}

/** A small PNG of a result for the history panel. */
export async function encodeThumb(image: RawImage): Promise<Buffer> {
  return eightBit(sharpFromRaw(image), image)
    .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 6 })
    .toBuffer()
}

function eightBit(pipeline: Sharp, image: RawImage): Sharp {
  return image.bitDepth === 16 ? pipeline.toColourspace('srgb') : pipeline
}

async function encodeForDisplay(pipeline: Sharp, image: RawImage): Promise<EncodedImage> {
  if (image.channels === 4 || image.channels === 2) {
    return {
      data: await pipeline.png({ compressionLevel: 1 }).toBuffer(),
      contentType: 'image/png'
    }
  }
  return { data: await pipeline.jpeg({ quality: 90 }).toBuffer(), contentType: 'image/jpeg' }
}
