import { describe, expect, it } from 'vitest'
import { modelRowFixture, regionalRows, reportFixture } from './report-fixture'
import { reportMarkdown, table } from './report-markdown'
import { evaluateTargets } from './targets'

describe('reportMarkdown', () => {
  const report = reportFixture({
    models: [modelRowFixture(), { modelId: 'maxim-deblurring', error: 'boom\nstack' }],
    e2e: [
      ...regionalRows(30, 10),
      {
        id: 'batch',
        label: 'Batch of 20',
        detail: '20 JPEGs',
        wallSeconds: 120,
        photosPerMinute: 10,
        peakRssMiB: 700
      }
    ],
    upscalerjs: [
      {
        modelId: 'esrgan-thick-x4',
        lucidSeconds: 1.5,
        cpu: { seconds: null, lowerBoundSeconds: 10 },
        wasm: { seconds: 9 }
      }
    ]
  })
  const markdown = reportMarkdown(report, evaluateTargets(report))

  it('states the peak formula with its numbers', () => {
    expect(markdown).toContain(
      '2 cores × 2.30 GHz × 16 FP32 lanes (512-bit avx512f) × 2 (FMA) × 2 FMA units = 294 GFLOP/s'
    )
  })

  it('has a row per model, failures on one line', () => {
    expect(markdown).toMatch(/\| esrgan-thick-x4 \| best \| 128×128 \| 1 \| 1\.50 \| 1\.80 \|/)
    expect(markdown).toContain('| maxim-deblurring |  |  |  | failed: boom |')
  })

  it('marks UpscalerJS lower bounds and the ratio against the faster backend', () => {
    expect(markdown).toContain('| esrgan-thick-x4 | 1.50 | ≥ 10.0 | 9.00 | 6.0× |')
  })

  it('gives the batch its photos per minute and lists the targets', () => {
    expect(markdown).toMatch(/\| Batch of 20 \| 120\.0 \|.*\| 10\.0 \| 700 \|/)
    expect(markdown).toContain('| ESRGAN-thick ≥ 50% of peak FP32 | met |')
  })
})

describe('table', () => {
  it('escapes pipes inside cells', () => {
    expect(table(['a'], [['x|y']])).toBe('| a |\n| --- |\n| x\\|y |')
  })
})
