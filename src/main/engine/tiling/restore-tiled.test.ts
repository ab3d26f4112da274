import { describe, expect, it } from 'vitest'
import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import type { JobControl } from '../runtime/model-runner'
import type { Region } from './tile-plan'
import { planTiles } from './tile-plan'
import type { TileInfer, TiledRestoreOptions } from './restore-tiled'
import { restoreTiled } from './restore-tiled'

const esrgan = { tileSize: 64, overlap: 16, divisibility: 1, fixedInput: false }
const maxim = { tileSize: 256, overlap: 32, divisibility: 64, fixedInput: true }

/** Deterministic noise: the hardest content for a misplaced or misweighted tile to hide in. */
function noise(width: number, height: number, channels: 3 | 4, bitDepth: 8 | 16): RawImage {
  const max = bitDepth === 16 ? 65535 : 255
  let state = 12345
  const samples = Array.from({ length: width * height * channels }, () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % (max + 1)
  })
  const data = bitDepth === 16 ? Uint16Array.from(samples) : Uint8Array.from(samples)
  return { width, height, channels, bitDepth, data }
}

/** A stand-in model: nearest-neighbour enlargement, exact wherever the tile was read right. */
function nearest(scale: number): TileInfer {
  return (tile, height, width) => {
    const out = new Float32Array(height * scale * width * scale * 3)
    for (let y = 0; y < height * scale; y += 1) {
      for (let x = 0; x < width * scale; x += 1) {
        const from = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3
        out.set(tile.subarray(from, from + 3), (y * width * scale + x) * 3)
      }
    }
    return Promise.resolve(out)
  }
}

/**
 * How many samples of `result` differ from `region` of `image` enlarged by `scale` (each pixel
 * repeated scale × scale times, RGB only). Counted rather than compared with toEqual: the
 * arrays hold up to a million samples.
 */
function differencesFromNearest(
  result: RawImage,
  image: RawImage,
  scale: number,
  region: Region = { x: 0, y: 0, width: image.width, height: image.height }
): number {
  expect(result).toMatchObject({ width: region.width * scale, height: region.height * scale })
  let differences = 0
  for (let y = 0; y < result.height; y += 1) {
    for (let x = 0; x < result.width; x += 1) {
      const sx = region.x + Math.floor(x / scale)
      const sy = region.y + Math.floor(y / scale)
      const from = (sy * image.width + sx) * image.channels
      const to = (y * result.width + x) * 3
      for (let c = 0; c < 3; c += 1) {
        if (result.data[to + c] !== image.data[from + c]) differences += 1
      }
    }
  }
  return differences
}

function options(overrides: Partial<TiledRestoreOptions> = {}): TiledRestoreOptions {
  return { ...esrgan, infer: nearest(1), scale: 1, ...overrides }
}

describe('restoreTiled', () => {
  it.each([1, 2, 3])('puts every tile back in place at scale %i', async (scale) => {
    const source = noise(203, 157, 3, 8)
    const result = await restoreTiled(source, options({ scale, infer: nearest(scale) }))
    expect(result).toMatchObject({ width: 203 * scale, height: 157 * scale, channels: 3 })
    expect(differencesFromNearest(result, source, scale)).toBe(0)
  })

  it('produces only the region asked for', async () => {
    const source = noise(300, 240, 3, 8)
    const region = { x: 101, y: 67, width: 90, height: 70 }
    const result = await restoreTiled(source, options({ scale: 2, infer: nearest(2), region }))
    expect(result).toMatchObject({ width: 180, height: 140 })
    expect(differencesFromNearest(result, source, 2, region)).toBe(0)
  })

  it('blends neighbouring tiles without a seam', async () => {
    // Each tile returns one flat grey of its own: any seam shows as a jump between pixels.
    let tileIndex = 0
    const infer: TileInfer = (_tile, height, width) => {
      tileIndex += 1
      return Promise.resolve(
        new Float32Array(height * width * 3).fill(tileIndex % 2 === 1 ? 0.6 : 0.2)
      )
    }
    const result = await restoreTiled(noise(200, 64, 3, 8), options({ infer }))
    const row = Array.from({ length: 200 }, (_, x) => result.data[(30 * 200 + x) * 3]!)
    const jumps = row.slice(1).map((v, x) => Math.abs(v - row[x]!))
    // A hard cut would jump 102 levels; the raised cosine over 16 px moves at most ~10 a pixel.
    expect(Math.max(...jumps)).toBeLessThanOrEqual(10)
    expect(row[0]).toBe(153)
    expect(Math.min(...row)).toBe(51)
  })

  it('feeds a fixed-size model exactly its size, even from a tiny image', async () => {
    const sizes = new Set<string>()
    const infer: TileInfer = (tile, height, width) => {
      sizes.add(`${width}×${height}`)
      if (height !== 256 || width !== 256) throw new Error(`Got a ${width}×${height} tile`)
      return nearest(1)(tile, height, width)
    }
    for (const [width, height] of [
      [40, 30],
      [300, 270],
      [1, 1]
    ] as const) {
      const source = noise(width, height, 3, 8)
      const result = await restoreTiled(source, options({ ...maxim, infer }))
      const whole = { x: 0, y: 0, width, height }
      expect(differencesFromNearest(result, source, 1, whole)).toBe(0)
    }
    expect([...sizes]).toEqual(['256×256'])
  })

  it('feeds a dynamic model sides that are multiples of its divisibility', async () => {
    const sides: number[] = []
    const infer: TileInfer = (tile, height, width) => {
      sides.push(height, width)
      return nearest(1)(tile, height, width)
    }
    const source = noise(150, 70, 3, 8)
    const result = await restoreTiled(source, options({ ...maxim, fixedInput: false, infer }))
    expect(sides.every((side) => side % 64 === 0 && side <= 256)).toBe(true)
    expect(sides).toContain(128)
    expect(differencesFromNearest(result, source, 1)).toBe(0)
  })

  it('reports progress after each tile and checks for cancellation before each', async () => {
    const events: string[] = []
    let done = 0
    const control: JobControl = {
      throwIfCancelled: () => {
        events.push('check')
        if (done >= 3) throw new LucidError('CANCELLED', 'Cancelled')
      },
      progress: (update) => {
        done = update.tilesDone
        events.push(`${update.tilesDone}/${update.tilesTotal} ${update.stage}`)
      }
    }
    let inferred = 0
    const infer: TileInfer = (tile, height, width) => {
      inferred += 1
      return nearest(1)(tile, height, width)
    }
    const source = noise(200, 200, 3, 8)
    const total = planTiles(200, 200, esrgan).tiles.length
    const run = restoreTiled(source, options({ infer, control, stage: 'Denoising' }))
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(inferred).toBe(3)
    expect(events).toEqual([
      'check',
      `1/${total} Denoising`,
      'check',
      `2/${total} Denoising`,
      'check',
      `3/${total} Denoising`,
      'check'
    ])
  })

  it('keeps 16-bit precision and reads only the first three channels', async () => {
    const source = noise(90, 75, 4, 16)
    const result = await restoreTiled(source, options({ scale: 2, infer: nearest(2) }))
    expect(result.bitDepth).toBe(16)
    expect(result.data).toBeInstanceOf(Uint16Array)
    expect(result.channels).toBe(3)
    expect(differencesFromNearest(result, source, 2)).toBe(0)
  })

  it('fails a tile whose output has the wrong size', async () => {
    const infer: TileInfer = () => Promise.resolve(new Float32Array(12))
    await expect(restoreTiled(noise(20, 20, 3, 8), options({ infer }))).rejects.toMatchObject({
      code: 'INFERENCE_FAILED'
    })
  })

  it('refuses a scale that is not a positive integer', async () => {
    await expect(restoreTiled(noise(8, 8, 3, 8), options({ scale: 0 }))).rejects.toThrow(
      'Expected positive integer for scale but received 0'
    )
  })
})
