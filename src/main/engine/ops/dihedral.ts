import type { EnsembleSize } from '../../../shared/domain/tool-defaults'
import type { RawImage } from '../raw-image'
import type { Rect } from './mask'

/**
 * The eight flips and rotations of an image (the dihedral group D4), as the self-ensemble uses
 * them. A transform transposes first (when `transpose`), then mirrors left–right (`flipX`) and
 * top–bottom (`flipY`); its inverse undoes them in the opposite order. Whole-pixel moves only,
 * so a model with a scale commutes with them pixel for pixel: flipping an input pixel moves its
 * scale × scale output block to the mirrored place, mirrored within.
 */
export interface Dihedral {
  readonly name: string
  readonly transpose: boolean
  readonly flipX: boolean
  readonly flipY: boolean
}

const t = (name: string, transpose: boolean, flipX: boolean, flipY: boolean): Dihedral => ({
  name,
  transpose,
  flipX,
  flipY
})

export const IDENTITY = t('identity', false, false, false)
const FLIP_H = t('flip-h', false, true, false)
const FLIP_V = t('flip-v', false, false, true)
const ROTATE_180 = t('rotate-180', false, true, true)
const TRANSPOSE = t('transpose', true, false, false)
/** Transpose then mirror left–right: a quarter turn clockwise. */
const ROTATE_90 = t('rotate-90', true, true, false)
const ROTATE_270 = t('rotate-270', true, false, true)
const ANTI_TRANSPOSE = t('anti-transpose', true, true, true)

/**
 * The transforms of an ensemble of `size`, identity first: 2 adds the 180° turn (the one that
 * keeps both axes), 4 the two mirrors, 8 the transposed four (which swap width and height).
 */
export function ensembleTransforms(size: EnsembleSize): readonly Dihedral[] {
  switch (size) {
    case 1:
      return [IDENTITY]
    case 2:
      return [IDENTITY, ROTATE_180]
    case 4:
      return [IDENTITY, FLIP_H, FLIP_V, ROTATE_180]
    case 8:
      return [
        IDENTITY,
        FLIP_H,
        FLIP_V,
        ROTATE_180,
        TRANSPOSE,
        ROTATE_90,
        ROTATE_270,
        ANTI_TRANSPOSE
      ]
  }
}

/** The size of a `width`×`height` image after the transform. */
export function transformedSize(
  transform: Dihedral,
  width: number,
  height: number
): { width: number; height: number } {
  return transform.transpose ? { width: height, height: width } : { width, height }
}

/** Where `rect` of a `width`×`height` image lands in the transformed image. */
export function transformRect(
  transform: Dihedral,
  rect: Rect,
  width: number,
  height: number
): Rect {
  const size = transformedSize(transform, width, height)
  const r = transform.transpose
    ? { x: rect.y, y: rect.x, width: rect.height, height: rect.width }
    : rect
  return {
    x: transform.flipX ? size.width - r.x - r.width : r.x,
    y: transform.flipY ? size.height - r.y - r.height : r.y,
    width: r.width,
    height: r.height
  }
}

/**
 * For each pixel of the transformed image (row-major), the index of the source pixel it comes
 * from, for a `width`×`height` source. One table serves both directions: reading through it
 * transforms, writing through it inverts.
 */
function sourceIndexes(transform: Dihedral, width: number, height: number): Uint32Array {
  const size = transformedSize(transform, width, height)
  const indexes = new Uint32Array(width * height)
  let i = 0
  for (let v = 0; v < size.height; v++) {
    const v1 = transform.flipY ? size.height - 1 - v : v
    for (let u = 0; u < size.width; u++) {
      const u1 = transform.flipX ? size.width - 1 - u : u
      indexes[i++] = transform.transpose ? u1 * width + v1 : v1 * width + u1
    }
  }
  return indexes
}

/** A transformed copy of an image (any channel count and depth); identity returns `image`. */
export function transformImage(transform: Dihedral, image: RawImage): RawImage {
  if (transform === IDENTITY) return image
  const { channels } = image
  const indexes = sourceIndexes(transform, image.width, image.height)
  const src = image.data
  const data = image.bitDepth === 16 ? new Uint16Array(src.length) : new Uint8Array(src.length)
  for (let p = 0, o = 0; p < indexes.length; p++) {
    const s = (indexes[p] ?? 0) * channels
    for (let c = 0; c < channels; c++) data[o++] = src[s + c] ?? 0
  }
  return { ...image, ...transformedSize(transform, image.width, image.height), data }
}

/**
 * Adds `transformed` (an image in the transform's frame) back in the original frame to `sums`:
 * the original frame is `width`×`height` with `transformed.channels` channels, and `sums` holds
 * one float per sample of it.
 */
export function addInverted(
  transform: Dihedral,
  transformed: RawImage,
  width: number,
  height: number,
  sums: Float32Array
): void {
  const { channels } = transformed
  const src = transformed.data
  if (transform === IDENTITY) {
    for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? 0) + (src[i] ?? 0)
    return
  }
  const indexes = sourceIndexes(transform, width, height)
  for (let p = 0, i = 0; p < indexes.length; p++) {
    const o = (indexes[p] ?? 0) * channels
    for (let c = 0; c < channels; c++) sums[o + c] = (sums[o + c] ?? 0) + (src[i++] ?? 0)
  }
}
