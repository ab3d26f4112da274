import type { RawImage } from '../raw-image'
import { maxSample, sharpFromRaw, toRawImage } from '../raw-image'

/** Offset that lets a signed residual travel through sharp's unsigned 16-bit resize. */
const ZERO = 32768

/**
 * Iterative back-projection (Irani and Peleg, 1991): corrects an enlargement `large` of
 * `small` so that reducing it again (bicubic, the usual model of how a small photo was made)
 * gives back `small`. Each round reduces the current estimate, enlarges the difference from
 * `small` (bicubic) and adds `step` of it. What the network invented stays; only its drift from
 * the photo's own colours and levels is removed. Returns an image of `large`'s size and depth.
 */
export async function backProject(
  small: RawImage,
  large: RawImage,
  rounds: number,
  step = 1
): Promise<RawImage> {
  if (rounds <= 0) return large
  const scale = maxSample(large)
  const smallScale = maxSample(small)
  const estimate = Float32Array.from(large.data, (v) => v / scale)
  for (let round = 0; round < rounds; round++) {
    const current = toUint16(estimate, large)
    const reduced = await toRawImage(
      sharpFromRaw(current)
        .resize(small.width, small.height, { kernel: 'cubic', fit: 'fill' })
        .toColourspace('rgb16'),
      16
    )
    const residual = new Uint16Array(reduced.data.length)
    for (let i = 0; i < residual.length; i++) {
      const difference = (small.data[i] ?? 0) / smallScale - (reduced.data[i] ?? 0) / 65535
      residual[i] = clamp16(ZERO + difference * 32767)
    }
    const enlarged = await toRawImage(
      // 16-bit raw in, 16-bit out: without 'rgb16' libvips would narrow to 8 bits.
      sharpFromRaw({ ...small, data: residual, bitDepth: 16 })
        .resize(large.width, large.height, { kernel: 'cubic', fit: 'fill' })
        .toColourspace('rgb16'),
      16
    )
    for (let i = 0; i < estimate.length; i++) {
      const correction = ((enlarged.data[i] ?? ZERO) - ZERO) / 32767
      estimate[i] = Math.min(1, Math.max(0, (estimate[i] ?? 0) + step * correction))
    }
  }
  const out =
    large.bitDepth === 16 ? new Uint16Array(estimate.length) : new Uint8Array(estimate.length)
  for (let i = 0; i < out.length; i++) out[i] = Math.round((estimate[i] ?? 0) * scale)
  return { ...large, data: out }
}

function toUint16(values: Float32Array, like: RawImage): RawImage {
  const data = new Uint16Array(values.length)
  for (let i = 0; i < data.length; i++) data[i] = clamp16((values[i] ?? 0) * 65535)
  return { ...like, data, bitDepth: 16 }
}

const clamp16 = (v: number): number => Math.min(65535, Math.max(0, Math.round(v)))
