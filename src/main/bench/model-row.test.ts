import { describe, expect, it } from 'vitest'
import type { ModelEntry } from '../../shared/domain/model-manifest'
import { UPSCALE_ENSEMBLE } from '../../shared/domain/tool-defaults'
import { benchPasses, modelRow, pixelsFed } from './model-row'

function entry(overrides: Partial<ModelEntry>): ModelEntry {
  return {
    id: 'esrgan-slim-x2',
    task: 'upscale',
    file: 'esrgan-slim-x2.onnx',
    scale: 2,
    quality: 'fast',
    inputRange: [0, 1],
    outputRange: [0, 1],
    sourceRange: [0, 1],
    layout: 'NHWC',
    inputShape: [1, null, null, 3],
    sizeDivisibility: 1,
    tile: { size: 256, overlap: 16 },
    flopsPerInputPixel: 1e6,
    parameters: 1,
    architecture: 'RDN',
    dataset: 'DIV2K',
    source: { package: 'p', version: '1', modelJson: 'm' },
    license: 'MIT',
    weightsOrigin: 'w',
    opset: 17,
    onnxNodes: 1,
    bytes: 1,
    sha256: '0'.repeat(64),
    ...overrides
  }
}

describe('pixelsFed', () => {
  it('is the image area for an image inside one dynamic tile', () => {
    expect(pixelsFed(entry({}), 200, 100)).toBe(200 * 100)
  })

  it('counts the overlap of neighbouring tiles', () => {
    expect(pixelsFed(entry({}), 512, 512)).toBeGreaterThan(512 * 512)
  })

  it('feeds a whole fixed tile for a smaller image (MAXIM pads)', () => {
    const maxim = entry({
      inputShape: [1, 256, 256, 3],
      sizeDivisibility: 64,
      tile: { size: 256, overlap: 32 }
    })
    expect(pixelsFed(maxim, 200, 100)).toBe(256 * 256)
  })
})

describe('modelRow', () => {
  it('derives MP/s from the photo and GFLOP/s from the pixels fed, over the best run', () => {
    const row = modelRow(
      entry({}),
      '/tmp/crop.png',
      {
        seconds: [4, 2, 3],
        tiles: 1,
        provider: 'cpu',
        width: 200,
        height: 100,
        eventLoopLag: { p50Ms: 10, p99Ms: 20, maxMs: 25 }
      },
      { peakFlops: 100e9, peakRssMiB: 300, session: null, sessionError: 'x' }
    )
    expect(row.bestSeconds).toBe(2)
    expect(row.medianSeconds).toBe(3)
    expect(row.megapixelsPerSecond).toBeCloseTo(0.01)
    expect(row.gflopsPerSecond).toBeCloseTo(10)
    expect(row.fractionOfPeak).toBeCloseTo(0.1)
    expect(row.preset).toBe('fast')
  })

  it('counts every self-ensemble pass in the pixels fed, so GFLOP/s stays the model’s', () => {
    const best = entry({ id: 'esrgan-thick-x2', quality: 'best' })
    expect(benchPasses(best)).toBe(UPSCALE_ENSEMBLE.best)
    const measured = {
      seconds: [2],
      tiles: UPSCALE_ENSEMBLE.best,
      provider: 'cpu' as const,
      width: 200,
      height: 100,
      eventLoopLag: { p50Ms: 10, p99Ms: 20, maxMs: 25 }
    }
    const extras = { peakFlops: 100e9, peakRssMiB: 300, session: null }
    const row = modelRow(best, '/tmp/crop.png', measured, extras)
    expect(row.pixelsFed).toBe(200 * 100 * UPSCALE_ENSEMBLE.best)
    expect(row.gflopsPerSecond).toBeCloseTo(10 * UPSCALE_ENSEMBLE.best)
  })
})
