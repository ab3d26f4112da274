import type { Sharp, SharpOptions } from 'sharp'
import sharp from 'sharp'
import { MAX_IMAGE_PIXELS } from '../../shared/domain/limits'

/**
 * Decoded, oriented, sRGB pixels: interleaved channels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA),
 * 8-bit samples in a Uint8Array or 16-bit samples in a Uint16Array (`bitDepth` says which).
 */
export interface RawImage {
  readonly data: Uint8Array | Uint16Array
  readonly width: number
  readonly height: number
  readonly channels: 1 | 2 | 3 | 4
  readonly bitDepth: 8 | 16
}

/** Options every sharp instance over untrusted input must use. */
export const untrustedInputOptions = {
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Reject truncated files, but tolerate the benign warnings many camera JPEGs carry.
  failOn: 'truncated'
} as const satisfies SharpOptions

/** The largest sample value of an image's bit depth (255 or 65535). */
export function maxSample(image: Pick<RawImage, 'bitDepth'>): number {
  return image.bitDepth === 16 ? 65535 : 255
}

/** A sharp pipeline that reads a RawImage (sharp takes the depth from the array type). */
export function sharpFromRaw(image: RawImage): Sharp {
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels }
  })
}

/** Runs a pipeline to raw pixels: 8-bit unless `bitDepth` 16 is asked for. */
export async function toRawImage(pipeline: Sharp, bitDepth: 8 | 16 = 8): Promise<RawImage> {
  const { data, info } = await pipeline
    .raw(bitDepth === 16 ? { depth: 'ushort' } : {})
    .toBuffer({ resolveWithObject: true })
  const channels = info.channels
  const base = { width: info.width, height: info.height, channels }
  if (bitDepth === 8) return { ...base, data, bitDepth }
  return { ...base, data: uint16View(data), bitDepth }
}

/** 16-bit samples over a Buffer's bytes, copied only when the Buffer is not 2-byte aligned. */
function uint16View(bytes: Buffer): Uint16Array {
  if (bytes.byteOffset % 2 === 0) {
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
  }
  return new Uint16Array(Uint8Array.prototype.slice.call(bytes).buffer)
}
