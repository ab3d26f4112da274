import type { RawImage } from './raw-image'
import { loadImage } from './io/load-image'

// Probing and its error mapping live with the rest of image input in io/.
export { decodeError, probeImage } from './io/probe-image'

/**
 * Decodes an image to oriented sRGB 8-bit pixels (RGB, or RGBA when it has alpha), for callers
 * that work in 8 bits. loadImage keeps 16-bit files at 16 bits and reports the source's
 * profile and metadata.
 *
 * @throws LucidError as loadImage
 */
export async function decodeImage(path: string): Promise<RawImage> {
  return (await loadImage(path, { maxBitDepth: 8 })).image
}
