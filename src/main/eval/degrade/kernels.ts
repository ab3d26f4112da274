import type { Rng } from './rng'
import type { Kernel } from './float-image'

/**
 * Blur kernels as cameras make them: a straight pan (linear motion at any angle) and the curved
 * path of a shaking hand (a smoothed random walk), both drawn as antialiased paths.
 */

/** Draws a polyline into a kernel of odd `size` by dense sub-pixel sampling, normalised. */
function rasterisePath(points: readonly { x: number; y: number }[], size: number): Kernel {
  const weights = new Float32Array(size * size)
  const centre = (size - 1) / 2
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p]
    const b = points[p + 1]
    if (!a || !b) continue
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) * 8))
    for (let s = 0; s < steps; s++) {
      const t = (s + 0.5) / steps
      const x = centre + a.x + (b.x - a.x) * t
      const y = centre + a.y + (b.y - a.y) * t
      // Bilinear splat: the path's weight falls between pixels as it does on a sensor.
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const fx = x - x0
      const fy = y - y0
      const splat = (xi: number, yi: number, w: number): void => {
        if (xi >= 0 && yi >= 0 && xi < size && yi < size) {
          weights[yi * size + xi] = (weights[yi * size + xi] ?? 0) + w
        }
      }
      const length = Math.hypot(b.x - a.x, b.y - a.y) / steps
      splat(x0, y0, (1 - fx) * (1 - fy) * length)
      splat(x0 + 1, y0, fx * (1 - fy) * length)
      splat(x0, y0 + 1, (1 - fx) * fy * length)
      splat(x0 + 1, y0 + 1, fx * fy * length)
    }
  }
  return normalise({ size, weights })
}

function normalise(kernel: Kernel): Kernel {
  let sum = 0
  for (const w of kernel.weights) sum += w
  if (!(sum > 0)) throw new Error('empty blur kernel')
  return { size: kernel.size, weights: kernel.weights.map((w) => w / sum) }
}

/** The path's points recentred on their centroid, so the blur does not shift the photo. */
function centred(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length
  return points.map((p) => ({ x: p.x - cx, y: p.y - cy }))
}

/** A straight blur of `length` pixels at `angle` radians. */
export function linearMotionKernel(length: number, angle: number): Kernel {
  const size = 2 * Math.ceil(length / 2) + 1
  const dx = (Math.cos(angle) * (length - 1)) / 2
  const dy = (Math.sin(angle) * (length - 1)) / 2
  return rasterisePath(
    [
      { x: -dx, y: -dy },
      { x: dx, y: dy }
    ],
    size
  )
}

/**
 * Camera shake: a random walk whose velocity changes smoothly (momentum), scaled so the path
 * spans about `extent` pixels, as in the trajectories of Boracchi and Foi's shake model.
 */
export function shakeKernel(extent: number, rng: Rng): Kernel {
  const steps = 64
  let vx = rng.normal()
  let vy = rng.normal()
  let x = 0
  let y = 0
  const points = [{ x, y }]
  for (let i = 0; i < steps; i++) {
    vx = 0.85 * vx + 0.5 * rng.normal()
    vy = 0.85 * vy + 0.5 * rng.normal()
    x += vx
    y += vy
    points.push({ x, y })
  }
  const path = centred(points)
  const span = Math.max(1e-6, ...path.map((p) => Math.abs(p.x)), ...path.map((p) => Math.abs(p.y)))
  const scale = (extent - 1) / 2 / span
  const scaled = path.map((p) => ({ x: p.x * scale, y: p.y * scale }))
  return rasterisePath(scaled, 2 * Math.ceil(extent / 2) + 1)
}

/** A Gaussian of standard deviation `sigma` pixels (for the mild pre-blur of super-resolution). */
export function gaussianKernel(sigma: number): Kernel {
  const half = Math.max(1, Math.ceil(3 * sigma))
  const size = 2 * half + 1
  const weights = new Float32Array(size * size)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      weights[y * size + x] = Math.exp(-((x - half) ** 2 + (y - half) ** 2) / (2 * sigma * sigma))
    }
  }
  return normalise({ size, weights })
}
