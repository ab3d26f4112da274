import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'

/**
 * The models see colour only. Alpha is split off before inference and joined back after,
 * resized with a classical filter when the colour was upscaled.
 */
export interface SplitImage {
  /** 3 channels. */
  readonly rgb: RawImage
  /** 1 channel, or undefined for an opaque image. */
  readonly alpha?: RawImage
}

export function splitAlpha(image: RawImage): SplitImage {
  if (image.channels === 3) return { rgb: image }
  if (image.channels !== 4) {
    throw new Error(`The engine takes RGB or RGBA images, not ${image.channels} channels`)
  }
  const pixels = image.width * image.height
  const rgbData = image.bitDepth === 16 ? new Uint16Array(pixels * 3) : new Uint8Array(pixels * 3)
  const alphaData = image.bitDepth === 16 ? new Uint16Array(pixels) : new Uint8Array(pixels)
  const src = image.data
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
    rgbData[o] = src[i] ?? 0
    rgbData[o + 1] = src[i + 1] ?? 0
    rgbData[o + 2] = src[i + 2] ?? 0
    alphaData[p] = src[i + 3] ?? 0
  }
  const size = { width: image.width, height: image.height, bitDepth: image.bitDepth }
  return {
    rgb: { ...size, channels: 3, data: rgbData },
    alpha: { ...size, channels: 1, data: alphaData }
  }
}

/** RGB + alpha → RGBA; alpha is resized (Lanczos) first when the colour is larger. */
export async function joinAlpha(rgb: RawImage, alpha: RawImage | undefined): Promise<RawImage> {
  if (!alpha) return rgb
  const sized =
    alpha.width === rgb.width && alpha.height === rgb.height
      ? alpha
      : await toRawImage(
          sharpFromRaw(alpha)
            .resize(rgb.width, rgb.height, { fit: 'fill', kernel: 'lanczos3' })
            // sharp writes one-band input back as sRGB unless a single band is asked for.
            .extractChannel(0),
          alpha.bitDepth
        )
  const pixels = rgb.width * rgb.height
  const data = rgb.bitDepth === 16 ? new Uint16Array(pixels * 4) : new Uint8Array(pixels * 4)
  const colour = rgb.data
  const a = sized.data
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 3, o += 4) {
    data[o] = colour[i] ?? 0
    data[o + 1] = colour[i + 1] ?? 0
    data[o + 2] = colour[i + 2] ?? 0
    data[o + 3] = a[p] ?? 0
  }
  return { width: rgb.width, height: rgb.height, bitDepth: rgb.bitDepth, channels: 4, data }
}
