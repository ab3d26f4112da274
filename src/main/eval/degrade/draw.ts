import type { RawImage } from '../../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../../engine/raw-image'
import type { FloatImage } from './float-image'
import { convolve, fromRaw, linearToSrgb, map, srgbToLinear, toRaw } from './float-image'
import { gaussianKernel, linearMotionKernel, shakeKernel } from './kernels'
import type { Rng } from './rng'
import { makeRng } from './rng'

/**
 * The degradations of the eval, each drawn per crop from ranges (seeded by the crop), the way
 * cameras and people damage photos. A drawn degradation records its parameters, so the report
 * can say what each crop went through.
 */
export const DEGRADATION_TASKS = ['deblur', 'lowlight', 'denoise', 'upscale'] as const
export type DegradationTask = (typeof DEGRADATION_TASKS)[number]

export interface Degraded {
  /** The degraded photo; for super-resolution, the reduced one. */
  readonly image: RawImage
  /** The reference it is scored against (the clean crop, trimmed to a multiple of the scale). */
  readonly clean: RawImage
  /** For super-resolution: the factor to enlarge by. */
  readonly scale?: 2 | 3 | 4
  readonly label: string
  readonly params: Readonly<Record<string, number | string | boolean>>
}

/** Per-task seed offsets, so a crop's blur and its noise draws are independent. */
const TASK_SALT: Record<DegradationTask, number> = {
  deblur: 0x9e3779b1,
  lowlight: 0x85ebca6b,
  denoise: 0xc2b2ae35,
  upscale: 0x27d4eb2f
}

export function degrade(
  task: DegradationTask,
  clean: RawImage,
  seed: number,
  options: { readonly scale?: 2 | 3 | 4 } = {}
): Promise<Degraded> {
  const rng = makeRng((seed ^ TASK_SALT[task]) >>> 0)
  switch (task) {
    case 'deblur':
      return blurred(clean, rng)
    case 'lowlight':
      return Promise.resolve(underexposed(clean, rng))
    case 'denoise':
      return noisy(clean, rng)
    case 'upscale':
      return reduced(clean, rng, options.scale)
  }
}

/** Gaussian noise of `sigma` (0..1 units) on every sample: a sensor's read noise. */
function addGaussian(image: FloatImage, sigma: number, rng: Rng): FloatImage {
  return map(image, (v) => v + sigma * rng.normal())
}

async function jpeg(image: RawImage, quality: number): Promise<RawImage> {
  const bytes = await sharpFromRaw(image).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer()
  const sharp = (await import('sharp')).default
  return toRawImage(sharp(bytes).removeAlpha())
}

async function maybeJpeg(
  image: RawImage,
  rng: Rng,
  p: number,
  low: number,
  high: number,
  params: Record<string, number | string | boolean>
): Promise<RawImage> {
  if (!rng.chance(p)) return image
  const quality = rng.int(low, high)
  params.jpeg = quality
  return jpeg(image, quality)
}

/** Motion or shake blur in linear light, mild sensor noise, sometimes JPEG (quality 70–90). */
async function blurred(clean: RawImage, rng: Rng): Promise<Degraded> {
  const params: Record<string, number | string | boolean> = {}
  const shake = rng.chance(0.5)
  const extent = rng.range(5, 25)
  params.kernel = shake ? 'shake' : 'linear'
  params.extent = round(extent, 1)
  let kernel
  if (shake) kernel = shakeKernel(extent, rng)
  else {
    const angle = rng.range(0, Math.PI)
    params.angle = round((angle * 180) / Math.PI, 0)
    kernel = linearMotionKernel(extent, angle)
  }
  const linear = map(fromRaw(clean), srgbToLinear)
  const sigma = rng.range(0.5, 2.5) / 255
  params.noise = round(sigma * 255, 2)
  const image = toRaw(addGaussian(map(convolve(linear, kernel), linearToSrgb), sigma, rng))
  const final = await maybeJpeg(image, rng, 0.35, 70, 90, params)
  const label = `${shake ? 'shake' : 'motion'} ${params.extent} px${shake ? '' : ` at ${params.angle}°`}, noise σ ${params.noise}${params.jpeg ? `, JPEG ${params.jpeg}` : ''}`
  return { image: final, clean, label, params }
}

/**
 * Under-exposure as a camera records it: the scene's linear light ×0.05–0.35, sometimes a colour
 * cast (white balance off), shot noise (variance ∝ signal) and read noise added to the dark
 * signal, then a tone curve v^(1/γ) with γ 1.3–2.4. Brightening amplifies that noise, as it
 * does in a real dark photo.
 */
function underexposed(clean: RawImage, rng: Rng): Degraded {
  const exposure = rng.range(0.05, 0.35)
  const gamma = rng.range(1.3, 2.4)
  const cast = rng.chance(0.4)
  const gains = cast ? [rng.range(0.8, 1.2), rng.range(0.85, 1.15), rng.range(0.8, 1.2)] : [1, 1, 1]
  // Shot noise: a sensor of about 250–2000 photo-electrons at white; read noise 0.1–0.6% of white.
  const shot = 1 / rng.range(250, 2000)
  const read = rng.range(0.001, 0.006)
  const linear = map(fromRaw(clean), (v, c) => srgbToLinear(v) * exposure * (gains[c] ?? 1))
  const noisyLinear = map(linear, (v) => {
    const sigma = Math.sqrt(shot * Math.max(0, v) + read * read)
    return Math.max(0, v + sigma * rng.normal())
  })
  const image = toRaw(map(noisyLinear, (v) => Math.min(1, v) ** (1 / gamma)))
  const params = {
    exposure: round(exposure, 3),
    gamma: round(gamma, 2),
    shotElectrons: Math.round(1 / shot),
    read: round(read, 4),
    ...(cast ? { cast: gains.map((g) => g.toFixed(2)).join('/') } : {})
  }
  const label = `exposure ×${params.exposure}, γ ${params.gamma}, ${params.shotElectrons} e⁻ white${cast ? `, cast ${params.cast}` : ''}`
  return { image, clean, label, params }
}

/**
 * Gaussian noise σ 5–40 (levels of 255, per channel) or Poisson–Gaussian noise whose variance
 * grows with the signal, sometimes followed by JPEG (quality 75–95).
 */
async function noisy(clean: RawImage, rng: Rng): Promise<Degraded> {
  const params: Record<string, number | string | boolean> = {}
  const poisson = rng.chance(0.5)
  const level = rng.range(5, 40) / 255
  let image: FloatImage
  if (poisson) {
    // σ at mid-grey is `level`; a third of the variance is signal-independent (read noise).
    const a = ((2 / 3) * level * level) / 0.5
    const b = Math.sqrt((level * level) / 3)
    image = map(fromRaw(clean), (v) => v + Math.sqrt(a * Math.max(0, v) + b * b) * rng.normal())
    params.model = 'poisson-gaussian'
  } else {
    // Channels of a sensor differ in gain, so their noise differs a little too.
    const perChannel = [rng.range(0.85, 1.15), 1, rng.range(0.85, 1.15)]
    image = map(fromRaw(clean), (v, c) => v + level * (perChannel[c] ?? 1) * rng.normal())
    params.model = 'gaussian'
  }
  params.sigma = round(level * 255, 1)
  const final = await maybeJpeg(toRaw(image), rng, 0.3, 75, 95, params)
  const label = `${poisson ? 'Poisson–Gaussian' : 'Gaussian'} σ ${params.sigma}${params.jpeg ? `, JPEG ${params.jpeg}` : ''}`
  return { image: final, clean, label, params }
}

/** Bicubic reduction ×2/×3/×4 after a mild blur (σ 0.2–0.8 px), sometimes JPEG (75–95). */
async function reduced(clean: RawImage, rng: Rng, forced?: 2 | 3 | 4): Promise<Degraded> {
  const drawn = rng.pick([2, 3, 4] as const)
  const scale = forced ?? drawn
  const width = clean.width - (clean.width % scale)
  const height = clean.height - (clean.height % scale)
  const trimmed =
    width === clean.width && height === clean.height
      ? clean
      : await toRawImage(sharpFromRaw(clean).extract({ left: 0, top: 0, width, height }))
  const params: Record<string, number | string | boolean> = { scale }
  const sigma = rng.range(0.2, 0.8)
  params.blur = round(sigma, 2)
  const soft = toRaw(convolve(fromRaw(trimmed), gaussianKernel(sigma)))
  const small = await toRawImage(
    sharpFromRaw(soft).resize(width / scale, height / scale, { kernel: 'cubic', fit: 'fill' })
  )
  const final = await maybeJpeg(small, rng, 0.3, 75, 95, params)
  const label = `bicubic ×${scale}, blur σ ${params.blur}${params.jpeg ? `, JPEG ${params.jpeg}` : ''}`
  return { image: final, clean: trimmed, scale, label, params }
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits))
