import type { BenchReport, E2eRow, ModelRow, UpscalerJsRow } from './bench-report'
import { computePeak } from './cpu-peak'

/** Builders of small bench reports for the tests of targets.ts and report-markdown.ts. */
export function modelRowFixture(overrides: Partial<ModelRow> = {}): ModelRow {
  return {
    modelId: 'esrgan-thick-x4',
    task: 'upscale',
    preset: 'best',
    scale: 4,
    input: { path: '/tmp/crop.png', width: 128, height: 128 },
    seconds: [2, 1.5, 1.8],
    bestSeconds: 1.5,
    medianSeconds: 1.8,
    tiles: 1,
    pixelsFed: 16384,
    megapixelsPerSecond: 0.011,
    gflopsPerSecond: 158,
    fractionOfPeak: 0.54,
    provider: 'cpu',
    session: { coldSeconds: 0.8, saveOptimizedSeconds: 0.9, cachedSeconds: 0.4 },
    peakRssMiB: 215,
    eventLoopLag: { p50Ms: 10, p99Ms: 20, maxMs: 30 },
    ...overrides
  }
}

export function regionalRows(largeJob: number, smallJob: number): E2eRow[] {
  const row = (side: number, jobSeconds: number): E2eRow => ({
    id: `regional-deblur-${side}`,
    paintedSide: side,
    label: `Regional deblur, ${side}×${side} painted`,
    detail: '6000×4000 JPEG',
    wallSeconds: jobSeconds + 5,
    stepSeconds: jobSeconds + 2,
    jobSeconds,
    tiles: side === 512 ? 16 : 4,
    peakRssMiB: 900
  })
  return [row(512, largeJob), row(256, smallJob)]
}

export function reportFixture(parts: {
  models?: BenchReport['models']
  e2e?: E2eRow[]
  upscalerjs?: UpscalerJsRow[]
}): BenchReport {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:20:00.000Z',
    quick: false,
    machine: {
      cpu: computePeak({
        model: 'Intel(R) Xeon(R) Processor',
        physicalCores: 2,
        coresSource: 'cpuinfo',
        clockHz: 2.3e9,
        clockSource: 'cpu MHz',
        flags: new Set(['avx512f', 'fma']),
        cpuArch: 'x64'
      }),
      platform: 'linux',
      arch: 'x64',
      node: '20.20.2',
      onnxruntime: '1.30.0',
      totalMemoryGiB: 24,
      loadAverageAtStart: 0.5
    },
    models: parts.models ?? [modelRowFixture()],
    e2e: parts.e2e ?? [],
    upscalerjs: parts.upscalerjs ?? []
  }
}
