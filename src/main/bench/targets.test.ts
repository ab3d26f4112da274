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
  it('is met for a job-time ratio inside 2.5–5', () => {
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(30, 10) }))).toBe('met')
  })

  it('is not met when the time barely follows the area', () => {
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(12, 10) }))).toBe('not met')
  })

  it('is not met when the large region costs more than its area', () => {
    expect(statusOf('regional-area', reportFixture({ e2e: regionalRows(60, 10) }))).toBe('not met')
  })

  it('scales the accepted range with the area ratio', () => {
    const e2e = regionalRows(30, 10).map((row) =>
      row.paintedSide === 256 ? { ...row, paintedSide: 128 } : row
    )
    // 16× the area in 3× the time: far from proportional.
    expect(statusOf('regional-area', reportFixture({ e2e }))).toBe('not met')
  })

  it('is not measured without both regional runs', () => {
    const [large] = regionalRows(30, 10)
    expect(statusOf('regional-area', reportFixture({ e2e: [large!] }))).toBe('not measured')
  })
})
