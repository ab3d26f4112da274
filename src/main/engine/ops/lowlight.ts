import type { RawImage } from '../raw-image'
import { maxSample, sharpFromRaw, toRawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { joinAlpha, splitAlpha } from './alpha'
import type { Restored } from './deblur'
import type { AffineField } from './guided-upsampling'
import { fitAffine, makeSampler } from './guided-upsampling'
import { runModelTiled } from './run-model'

/** Long side of the proxy the enhancement model sees: its fixed input size. */
export const LOWLIGHT_PROXY_SIDE = 512
/**
 * Keeps the gain finite in near-black pixels, where the input's colour is mostly noise: there
 * the result tends to the model's brightness with the input's (weak) colour.
 */
const DARK_FLOOR = 0.01

const luma = (r: number, g: number, b: number): number => 0.2126 * r + 0.7152 * g + 0.0722 * b

/**
 * Low-light enhancement. MAXIM-2S needs the whole image as context, so it runs on a proxy (long
 * side 512); the change it makes to luminance is fitted as a smooth local affine map, enlarged
 * edge-aware (guided upsampling) and applied at full resolution as a per-pixel gain on R, G and B
 * together. A common gain keeps the photo's own colours (the model's output is desaturated),
 * and it is capped so no channel clips: brighter without blown colours.
 */
export async function lowlight(
  models: ModelSource,
  image: RawImage,
  strength: number,
  control: JobControl,
  /** Detail on the proxy's long side; below the model's 512 only to test the proxy itself. */
  proxySide = LOWLIGHT_PROXY_SIDE
): Promise<Restored> {
  if (strength <= 0) return { image, run: null }
  const { rgb, alpha } = splitAlpha(image)
  const proxy = await makeProxy(rgb, proxySide)
  const run = await runModelTiled(models, 'maxim-enhancement', proxy, control, {
    stage: 'Brightening'
  })
  const field = fitLuminanceMap(proxy, run.image)
  const brightened = applyGain(rgb, field, strength)
  return { image: await joinAlpha(brightened, alpha), run }
}

/**
 * The image itself when it is small enough, else a Lanczos-reduced copy (same bit depth) with
 * `side` pixels of detail on its long side, presented to the model at its own input size: the
 * model judges exposure from the whole frame, so a reduced proxy is enlarged to fill it rather
 * than mirrored into it.
 */
async function makeProxy(rgb: RawImage, side: number): Promise<RawImage> {
  if (Math.max(rgb.width, rgb.height) <= side) return rgb
  const reduced = sharpFromRaw(rgb).resize(side, side, { fit: 'inside', kernel: 'lanczos3' })
  if (side >= LOWLIGHT_PROXY_SIDE) return toRawImage(reduced, rgb.bitDepth)
  const small = await toRawImage(reduced, rgb.bitDepth)
  const enlarged = sharpFromRaw(small).resize(LOWLIGHT_PROXY_SIDE, LOWLIGHT_PROXY_SIDE, {
    fit: 'inside',
    kernel: 'lanczos3'
  })
  return toRawImage(enlarged, rgb.bitDepth)
}

function luminance(image: RawImage): Float32Array {
  const scale = 1 / maxSample(image)
  const out = new Float32Array(image.width * image.height)
  const d = image.data
  for (let p = 0, i = 0; p < out.length; p++, i += 3) {
    out[p] = luma(d[i] ?? 0, d[i + 1] ?? 0, d[i + 2] ?? 0) * scale
  }
  return out
}

function fitLuminanceMap(input: RawImage, enhanced: RawImage): AffineField {
  // Windows of about 1/64 of the proxy: local enough to follow the model's spatially varying
  // exposure, wide enough that a and b stay smooth when enlarged.
  const radius = Math.max(2, Math.round(Math.max(input.width, input.height) / 32))
  return fitAffine(luminance(input), luminance(enhanced), input.width, input.height, radius, 1e-2)
}

function applyGain(rgb: RawImage, field: AffineField, strength: number): RawImage {
  const max = maxSample(rgb)
  const src = rgb.data
  const out = rgb.bitDepth === 16 ? new Uint16Array(src.length) : new Uint8Array(src.length)
  const sample = makeSampler(field, rgb.width, rgb.height)
  const coefficients = { a: 1, b: 0 }
  for (let y = 0; y < rgb.height; y++) {
    for (let x = 0; x < rgb.width; x++) {
      const i = (y * rgb.width + x) * 3
      const r = (src[i] ?? 0) / max
      const g = (src[i + 1] ?? 0) / max
      const b = (src[i + 2] ?? 0) / max
      const y0 = luma(r, g, b)
      sample(x, y, coefficients)
      const target = Math.max(0, coefficients.a * y0 + coefficients.b)
      let gain = (target + DARK_FLOOR) / (y0 + DARK_FLOOR)
      const brightest = Math.max(r, g, b)
      if (brightest > 0) gain = Math.min(gain, 1 / brightest)
      gain = 1 + strength * (gain - 1)
      out[i] = Math.round(Math.min(1, r * gain) * max)
      out[i + 1] = Math.round(Math.min(1, g * gain) * max)
      out[i + 2] = Math.round(Math.min(1, b * gain) * max)
    }
  }
  return { ...rgb, data: out }
}
