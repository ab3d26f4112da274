import { basename } from 'node:path'
import sharp from 'sharp'
import { LucidError } from '../../shared/ipc/errors'
import { decodeError, probeImage } from '../engine/decode'
import type { RawImage } from '../engine/raw-image'
import { toRawImage, untrustedInputOptions } from '../engine/raw-image'

/**
 * Reads a deblur mask: any image format, reduced to one 8-bit grey channel (white = apply);
 * transparent pixels count as not painted.
 *
 * @throws LucidError as probeImage, and INVALID_ARGUMENT when its size differs from the image's
 */
export async function loadMask(path: string, width: number, height: number): Promise<RawImage> {
  const info = await probeImage(path)
  if (info.width !== width || info.height !== height) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `The mask ${basename(path)} is ${info.width}×${info.height}; it must match the image (${width}×${height})`
    )
  }
  try {
    const pipeline = sharp(path, untrustedInputOptions)
      .autoOrient()
      .flatten({ background: '#000000' })
      .toColourspace('b-w')
    const mask = await toRawImage(pipeline, 8)
    if (mask.channels === 1) return mask
    // Some libvips versions keep an extra band; the first one is the grey level.
    const grey = new Uint8Array(mask.width * mask.height)
    for (let p = 0; p < grey.length; p++) grey[p] = mask.data[p * mask.channels] ?? 0
    return { ...mask, channels: 1, data: grey }
  } catch (error) {
    throw decodeError(basename(path), error)
  }
}
