import { resolve } from 'node:path'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import type { RawImage } from '../../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../../engine/raw-image'
import type { Crop } from './soak-plan'

/**
 * Real photos from the model packages' assets, largest first: the soak crops its inputs from
 * them, so jobs see photographic content (edges, texture, noise), not synthetic gradients.
 */
export const SOAK_PHOTOS = [
  'esrgan-thick/assets/samples/8x/result.png',
  'esrgan-slim/assets/samples/4x/result.png',
  'maxim-enhancement/assets/fixture.png',
  'maxim-deblurring/assets/fixture.png',
  'maxim-denoising/assets/fixture.png'
].map((path) => resolve('node_modules/@upscalerjs', path))

/** Decodes the soak's photos (paths relative to the working directory's node_modules). */
export async function loadSoakPhotos(paths: readonly string[] = SOAK_PHOTOS): Promise<RawImage[]> {
  return Promise.all(paths.map((path) => toRawImage(sharp(path))))
}

/** The crop as its own image: RGBA when `alpha` (opaque alpha added if the photo has none), else RGB. */
function cropPipeline(photo: RawImage, crop: Crop, alpha: boolean): Sharp {
  const cut = sharpFromRaw(photo).extract(crop)
  return alpha ? cut.ensureAlpha() : cut.removeAlpha()
}

/** A crop's pixels, for a job sent straight to the engine. */
export function cropPixels(photo: RawImage, crop: Crop, alpha: boolean): Promise<RawImage> {
  return toRawImage(cropPipeline(photo, crop, alpha))
}

/** Writes a crop as a PNG file, for a job that opens it as a document. */
export async function writeCropPng(
  photo: RawImage,
  crop: Crop,
  alpha: boolean,
  path: string
): Promise<void> {
  await cropPipeline(photo, crop, alpha).png({ compressionLevel: 1 }).toFile(path)
}
