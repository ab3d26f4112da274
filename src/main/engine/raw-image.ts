import type { Sharp, SharpOptions } from 'sharp'
import sharp from 'sharp'
import { MAX_IMAGE_PIXELS } from '../../shared/domain/limits'

/** Decoded, oriented, sRGB pixels: interleaved 8-bit channels (3 = RGB, 4 = RGBA). */
export interface RawImage {
  readonly data: Buffer
  readonly width: number
  readonly height: number
  readonly channels: 1 | 2 | 3 | 4
}

/** Options every sharp instance over untrusted input must use. */
export const untrustedInputOptions = {
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Reject truncated files, but tolerate the benign warnings many camera JPEGs carry.
  failOn: 'truncated'
} as const satisfies SharpOptions

/** A sharp pipeline that reads a RawImage. */
export function sharpFromRaw(image: RawImage): Sharp {
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels }
  })
}

/** Runs a pipeline to raw 8-bit pixels. */
export async function toRawImage(pipeline: Sharp): Promise<RawImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true })
  const channels = info.channels
  return { data, width: info.width, height: info.height, channels }
}
