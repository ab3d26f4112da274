import type { HostTensor } from './host-tensor'
import { tensor } from './host-tensor'

/**
 * A convolution after nearest-neighbour upsampling, rewritten to run at the low resolution.
 *
 * ESRGAN-slim and -medium ×8 upsample 192 channels ×8 and convolve the result: onnxruntime
 * materialises a 192 × (8h) × (8w) tensor (805 MB for a 128² tile) and spends 37% of the run
 * just writing it, and the convolution then streams it back (memory-bound, 13% of peak).
 * Every output pixel (s·i + a, s·j + b) of a k×k convolution over a nearest-upsampled image
 * only sees the low-resolution pixels i + du, j + dv with du = ⌊(a + u) / s⌋ for its kernel
 * offsets u, so for each of the s² phases (a, b) the same result is a 3×3 convolution of the
 * low-resolution input whose kernel sums the original taps landing on the same source pixel.
 * The phases become s² × cout channels, and DepthToSpace (CRD order) puts them back in place.
 * Zero padding maps exactly: a high-resolution pixel outside the image comes from a
 * low-resolution one outside it. Same FLOPs, no upsampled tensor: exact up to float rounding.
 *
 * @param kernel ONNX [cout, cin, k, k], k odd with (k − 1) / 2 ≤ scale, "same" padding
 * @returns the 3×3 kernel [cout·s², cin, 3, 3] and bias [cout·s²] for the low-resolution conv
 */
export function upsampledConvAsPhases(
  kernel: HostTensor,
  bias: HostTensor | undefined,
  scale: number
): { kernel: HostTensor; bias: HostTensor | undefined } {
  const [cout = 0, cin = 0, kh = 0, kw = 0] = kernel.shape
  const radius = (kh - 1) / 2
  if (kh !== kw || kh % 2 === 0 || radius > scale) {
    throw new Error(`Cannot fold a ${kh}×${kw} convolution into ×${scale} upsampling`)
  }
  const phases = scale * scale
  const src = kernel.data as Float32Array
  const dst = new Float32Array(cout * phases * cin * 9)
  for (let o = 0; o < cout; o++) {
    for (let a = 0; a < scale; a++) {
      for (let b = 0; b < scale; b++) {
        const out = o * phases + a * scale + b
        for (let c = 0; c < cin; c++) {
          for (let u = -radius; u <= radius; u++) {
            const du = Math.floor((a + u) / scale)
            for (let v = -radius; v <= radius; v++) {
              const dv = Math.floor((b + v) / scale)
              const from = ((o * cin + c) * kh + (u + radius)) * kw + (v + radius)
              const to = ((out * cin + c) * 3 + (du + 1)) * 3 + (dv + 1)
              dst[to] = (dst[to] ?? 0) + (src[from] ?? 0)
            }
          }
        }
      }
    }
  }
  let phaseBias: HostTensor | undefined
  if (bias) {
    const values = bias.data as Float32Array
    const repeated = new Float32Array(cout * phases)
    for (let o = 0; o < cout; o++) repeated.fill(values[o] ?? 0, o * phases, (o + 1) * phases)
    phaseBias = tensor('float32', [cout * phases], repeated)
  }
  return { kernel: tensor('float32', [cout * phases, cin, 3, 3], dst), bias: phaseBias }
}
