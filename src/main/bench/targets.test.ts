import { describe, expect, it } from 'vitest'
import type { UpscalerJsRow } from './bench-report'
import { modelRowFixture, regionalRows, reportFixture } from './report-fixture'
import { evaluateTargets, speedup } from './targets'

function statusOf(id: string, report: ReturnType<typeof reportFixture>): string | undefined {
  return evaluateTargets(report).find((t) => t.id === id)?.status
}

const upscaler = (cpu: UpscalerJsRow['cpu'], wasm: UpscalerJsRow['wasm']): UpscalerJsRow => ({
  modelId: 'esrgan-thick-x4',
  lucidSeconds: 2,
  cpu,
  wasm
})

describe('ESRGAN-thick peak target', () => {
  it('is met when every thick model reaches half the peak', () => {
    expect(statusOf('thick-peak', reportFixture({}))).toBe('met')
  })

  it('is not met when one thick model falls short', () => {
    const models = [
      modelRowFixture(),
      modelRowFixture({ modelId: 'esrgan-thick-x8', fractionOfPeak: 0.3 })
    ]
    expect(statusOf('thick-peak', reportFixture({ models }))).toBe('not met')
  })

  it('is not measured without a thick model', () => {
    const models = [modelRowFixture({ modelId: 'esrgan-slim-x2' })]
    expect(statusOf('thick-peak', reportFixture({ models }))).toBe('not measured')
  })
})

describe('UpscalerJS speed-up target', () => {
  it('compares against the faster backend', () => {
    expect(speedup(upscaler({ seconds: 100 }, { seconds: 12 }))).toEqual({
      ratio: 6,
      lowerBound: false
    })
  })

  it('gives a lower bound when the faster figure is a timeout', () => {
    const s = speedup(upscaler({ seconds: null, lowerBoundSeconds: 14 }, { seconds: 20 }))
    expect(s).toEqual({ ratio: 7, lowerBound: true })
  })

  it('is met by lower bounds past 5×, undecided by lower bounds below it', () => {
    const met = reportFixture({
      upscalerjs: [upscaler({ seconds: null, lowerBoundSeconds: 12 }, { seconds: 30 })]
    })
    expect(statusOf('upscalerjs-5x', met)).toBe('met')
    const undecided = reportFixture({
      upscalerjs: [upscaler({ seconds: null, lowerBoundSeconds: 4 }, { seconds: 30 })]
    })
    expect(statusOf('upscalerjs-5x', undecided)).toBe('undecided')
  })

  it('is not met when UpscalerJS finished in under 5× Lucid', () => {
    const report = reportFixture({ upscalerjs: [upscaler({ seconds: 40 }, { seconds: 8 })] })
    expect(statusOf('upscalerjs-5x', report)).toBe('not met')
  })

  it('is not measured when UpscalerJS was skipped or failed everywhere', () => {
    expect(statusOf('upscalerjs-5x', reportFixture({}))).toBe('not measured')
    const failed = reportFixture({
      upscalerjs: [upscaler({ seconds: null, note: 'crashed' }, null)]
    })
    expect(statusOf('upscalerjs-5x', failed)).toBe('not measured')
  })
})

describe('regional deblur proportionality target', () => {
  it('is met when each tile costs the same and the tiles follow the area (16 vs 4)', () => {
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(40, 10) }))).toBe('met')
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(45, 10) }))).toBe('met')
  })

  it('is not met when a tile of the larger region costs more', () => {
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(60, 10) }))).toBe('not met')
  })

  it('is not met when the tiles follow the photo rather than the painted area', () => {
    const e2e = regionalRows(40, 40).map((row) => ({ ...row, tiles: 480 }))
    expect(statusOf('regional-area', reportFixture({ e2e }))).toBe('not met')
  })

  it('is not met when the tiles grow faster than the area', () => {
    const e2e = regionalRows(80, 10).map((row) =>
      row.paintedSide === 512 ? { ...row, tiles: 32 } : row
    )
    expect(statusOf('regional-area', reportFixture({ e2e }))).toBe('not met')
  })

  it('is not measured without both regional runs', () => {
    const [large] = regionalRows(30, 10)
    expect(statusOf('regional-area', reportFixture({ e2e: [large!] }))).toBe('not measured')
  })
})
