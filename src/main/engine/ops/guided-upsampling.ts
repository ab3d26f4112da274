/**
 * Edge-aware upsampling of a low-resolution correction (He et al.'s guided filter, used as in
 * "fast guided filter" / bilateral guided upsampling): at proxy resolution fit, in every window,
 * the enhanced luminance as an affine function of the input luminance (out ≈ a·in + b); a and b
 * vary smoothly, so they can be enlarged bilinearly and applied to the full-resolution
 * luminance, which keeps its own edges and detail.
 */

/** Per-pixel affine coefficients, at the resolution they were fitted. */
export interface AffineField {
  readonly a: Float32Array
  readonly b: Float32Array
  readonly width: number
  readonly height: number
}

/** Mean over a (2r+1)² window (clipped at the borders), by a summed-area table. */
export function boxMean(
  values: Float32Array,
  width: number,
  height: number,
  r: number
): Float32Array {
  const stride = width + 1
  const sums = new Float64Array(stride * (height + 1))
  for (let y = 0; y < height; y++) {
    let row = 0
    for (let x = 0; x < width; x++) {
      row += values[y * width + x] ?? 0
      sums[(y + 1) * stride + x + 1] = (sums[y * stride + x + 1] ?? 0) + row
    }
  }
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r)
    const y1 = Math.min(height, y + r + 1)
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r)
      const x1 = Math.min(width, x + r + 1)
      const total =
        (sums[y1 * stride + x1] ?? 0) -
        (sums[y0 * stride + x1] ?? 0) -
        (sums[y1 * stride + x0] ?? 0) +
        (sums[y0 * stride + x0] ?? 0)
      out[y * width + x] = total / ((y1 - y0) * (x1 - x0))
    }
  }
  return out
}

/** Fits target ≈ a·guide + b in each window of radius r; eps regularises flat areas. */
export function fitAffine(
  guide: Float32Array,
  target: Float32Array,
  width: number,
  height: number,
  r: number,
  eps: number
): AffineField {
  const n = guide.length
  const gg = new Float32Array(n)
  const gt = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const g = guide[i] ?? 0
    gg[i] = g * g
    gt[i] = g * (target[i] ?? 0)
  }
  const meanG = boxMean(guide, width, height, r)
  const meanT = boxMean(target, width, height, r)
  const meanGG = boxMean(gg, width, height, r)
  const meanGT = boxMean(gt, width, height, r)
  const a = new Float32Array(n)
  const b = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const mg = meanG[i] ?? 0
    const mt = meanT[i] ?? 0
    const variance = (meanGG[i] ?? 0) - mg * mg
    const covariance = (meanGT[i] ?? 0) - mg * mt
    const ai = covariance / (variance + eps)
    a[i] = ai
    b[i] = mt - ai * mg
  }
  // Average the coefficients of every window covering a pixel, as the guided filter does.
  return { a: boxMean(a, width, height, r), b: boxMean(b, width, height, r), width, height }
}

/** Bilinear sample of a field at full-resolution pixel centres (x, y) of a W×H image. */
export function makeSampler(
  field: AffineField,
  fullWidth: number,
  fullHeight: number
): (x: number, y: number, out: { a: number; b: number }) => void {
  const sx = field.width / fullWidth
  const sy = field.height / fullHeight
  const { width, height, a, b } = field
  return (x, y, out) => {
    const u = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1)
    const v = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1)
    const x0 = Math.floor(u)
    const y0 = Math.floor(v)
    const x1 = Math.min(x0 + 1, width - 1)
    const y1 = Math.min(y0 + 1, height - 1)
    const fx = u - x0
    const fy = v - y0
    const i00 = y0 * width + x0
    const i01 = y0 * width + x1
    const i10 = y1 * width + x0
    const i11 = y1 * width + x1
    const lerp2 = (f: Float32Array): number =>
      ((f[i00] ?? 0) * (1 - fx) + (f[i01] ?? 0) * fx) * (1 - fy) +
      ((f[i10] ?? 0) * (1 - fx) + (f[i11] ?? 0) * fx) * fy
    out.a = lerp2(a)
    out.b = lerp2(b)
  }
}
