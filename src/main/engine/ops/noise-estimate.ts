import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'

/**
 * Estimates the standard deviation of white noise in an image, in levels of 255, by Immerkær's
 * method ("Fast noise variance estimation", 1996): the response to a 3×3 mask that cancels
 * smooth surfaces and lines, averaged in absolute value. Photo detail still leaks into it, so
 * the estimate is a little high on textured, clean photos (about 1–3 levels); it is used to
 * choose strengths, never as ground truth. Computed on the luminance, so a colour image gives one
 * number; every `step`th row and column is visited (a 24 MP photo needs no more).
 */
export function estimateNoiseSigma(image: RawImage, step = 1): number {
  const { width, height, channels } = image
  if (width < 3 || height < 3) return 0
  const scale = 255 / maxSample(image)
  const d = image.data
  const lumaAt = (x: number, y: number): number => {
    const i = (y * width + x) * channels
    if (channels < 3) return (d[i] ?? 0) * scale
    return (0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0)) * scale
  }
  let sum = 0
  let count = 0
  for (let y = 1; y < height - 1; y += step) {
    for (let x = 1; x < width - 1; x += step) {
      const response =
        lumaAt(x - 1, y - 1) -
        2 * lumaAt(x, y - 1) +
        lumaAt(x + 1, y - 1) -
        2 * lumaAt(x - 1, y) +
        4 * lumaAt(x, y) -
        2 * lumaAt(x + 1, y) +
        lumaAt(x - 1, y + 1) -
        2 * lumaAt(x, y + 1) +
        lumaAt(x + 1, y + 1)
      sum += Math.abs(response)
      count += 1
    }
  }
  return count ? (Math.sqrt(Math.PI / 2) * sum) / (6 * count) : 0
}
