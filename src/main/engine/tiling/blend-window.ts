import type { AxisSpan } from './axis-plan'

/**
 * The raised-cosine (Hann) ramp sin²(π·t/2), rising from 0 at t = 0 to 1 at t = 1. Its slope is
 * zero at both ends, so a fade has no visible start or end, and
 * raisedCosine(t) + raisedCosine(1 − t) = 1, so two tiles fading across the same pixels sum to 1.
 */
export function raisedCosine(t: number): number {
  const s = Math.sin((Math.PI / 2) * t)
  return s * s
}

/**
 * The blend weight of each output pixel of a tile along one axis: `span.length · scale`
 * values. Fades are laid out at output resolution so an upscaled seam is as smooth as any
 * other, and sampled at pixel centres so no pixel inside a fade gets weight exactly 0 or 1.
 */
export function axisWeights(span: AxisSpan, scale: number): Float32Array {
  const weights = new Float32Array(span.length * scale)
  const origin = span.start * scale
  const inStart = span.fadeIn.start * scale
  const inEnd = span.fadeIn.end * scale
  const outStart = span.fadeOut.start * scale
  const outEnd = span.fadeOut.end * scale
  for (let i = 0; i < weights.length; i += 1) {
    const at = origin + i
    if (at < inStart || at >= outEnd) weights[i] = 0
    else if (at < inEnd) weights[i] = raisedCosine((at - inStart + 0.5) / (inEnd - inStart))
    else if (at >= outStart)
      weights[i] = 1 - raisedCosine((at - outStart + 0.5) / (outEnd - outStart))
    else weights[i] = 1
  }
  return weights
}
