import type { BenchReport, UpscalerJsRow, UpscalerJsTime } from './bench-report'
import { isMeasured } from './bench-report'

/**
 * Issue #8's performance targets, judged from a bench report (pure: the JSON is enough).
 * `undecided` means the data cannot tell (an UpscalerJS run stopped before the ratio was
 * reached); `not measured` that the run skipped what the target needs.
 */
export type TargetStatus = 'met' | 'not met' | 'undecided' | 'not measured'

export interface TargetResult {
  readonly id: string
  readonly target: string
  readonly status: TargetStatus
  readonly detail: string
}

export const THICK_PEAK_FRACTION = 0.5
export const UPSCALERJS_SPEEDUP = 5
/**
 * Regional deblur time against painted area: the larger region's job time ÷ the smaller's must
 * lie within these fractions of their area ratio (512² vs 256²: area 4×, time 2.5–5×). Time
 * grows less than the area because every region pays the same fixed costs (the context margin
 * around it, rounding up to whole tiles, the mask's raster and feather), and more only through
 * noise. A step whose cost followed the whole 24-MP photo instead would show a ratio near 1.
 */
export const AREA_TIME_FRACTION = { min: 0.625, max: 1.25 } as const

export function evaluateTargets(report: BenchReport): TargetResult[] {
  return [thickPeak(report), upscalerJsSpeed(report), regionalProportional(report)]
}

function thickPeak(report: BenchReport): TargetResult {
  const target = `ESRGAN-thick ≥ ${THICK_PEAK_FRACTION * 100}% of peak FP32`
  const rows = report.models
    .filter(isMeasured)
    .filter((row) => row.modelId.startsWith('esrgan-thick'))
  if (rows.length === 0) {
    return { id: 'thick-peak', target, status: 'not measured', detail: 'no esrgan-thick model ran' }
  }
  const worst = Math.min(...rows.map((row) => row.fractionOfPeak))
  return {
    id: 'thick-peak',
    target,
    status: worst >= THICK_PEAK_FRACTION ? 'met' : 'not met',
    detail: rows.map((row) => `${row.modelId} ${percent(row.fractionOfPeak)}`).join(', ')
  }
}

/**
 * The ratio UpscalerJS ÷ Lucid for one model against UpscalerJS's faster backend. A timed-out
 * backend contributes its lower bound, so the ratio is itself a lower bound unless both ran to
 * the end.
 */
export function speedup(row: UpscalerJsRow): { ratio: number; lowerBound: boolean } | null {
  const times = [row.cpu, row.wasm].filter((t): t is UpscalerJsTime => t !== null)
  const known = times.flatMap((t) =>
    t.seconds !== null
      ? [{ seconds: t.seconds, lowerBound: false }]
      : t.lowerBoundSeconds !== undefined
        ? [{ seconds: t.lowerBoundSeconds, lowerBound: true }]
        : []
  )
  if (known.length === 0 || !(row.lucidSeconds > 0)) return null
  const fastest = known.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  return { ratio: fastest.seconds / row.lucidSeconds, lowerBound: fastest.lowerBound }
}

function upscalerJsSpeed(report: BenchReport): TargetResult {
  const target = `every model ≥ ${UPSCALERJS_SPEEDUP}× faster than UpscalerJS (its faster backend)`
  const judged = report.upscalerjs.map((row) => {
    const s = speedup(row)
    const status: TargetStatus =
      s === null
        ? 'not measured'
        : s.ratio >= UPSCALERJS_SPEEDUP
          ? 'met'
          : s.lowerBound
            ? 'undecided'
            : 'not met'
    const text = s === null ? 'n/a' : `${s.lowerBound ? '≥ ' : ''}${s.ratio.toFixed(1)}×`
    return { status, text: `${row.modelId} ${text}` }
  })
  if (judged.length === 0) {
    return { id: 'upscalerjs-5x', target, status: 'not measured', detail: 'UpscalerJS skipped' }
  }
  const measuredModels = report.models.filter(isMeasured).length
  const statuses = judged.map((j) => j.status)
  const status: TargetStatus = statuses.includes('not met')
    ? 'not met'
    : statuses.includes('undecided')
      ? 'undecided'
      : statuses.includes('not measured') || judged.length < measuredModels
        ? 'not measured'
        : 'met'
  return { id: 'upscalerjs-5x', target, status, detail: judged.map((j) => j.text).join(', ') }
}

function regionalProportional(report: BenchReport): TargetResult {
  const target =
    `regional deblur time ∝ painted area: time ratio within ` +
    `${AREA_TIME_FRACTION.min}–${AREA_TIME_FRACTION.max}× the area ratio (512² vs 256²: 2.5–5×)`
  const regions = report.e2e
    .flatMap((row) => {
      const seconds = row.jobSeconds ?? row.stepSeconds
      return row.paintedSide === undefined || seconds === undefined || row.error
        ? []
        : [{ side: row.paintedSide, seconds, tiles: row.tiles }]
    })
    .sort((a, b) => b.side - a.side)
  const large = regions[0]
  const small = regions.at(-1)
  if (!large || !small || large.side === small.side) {
    return { id: 'regional-area', target, status: 'not measured', detail: 'needs two regions' }
  }
  const areaRatio = (large.side / small.side) ** 2
  const ratio = large.seconds / small.seconds
  const ok =
    ratio >= areaRatio * AREA_TIME_FRACTION.min && ratio <= areaRatio * AREA_TIME_FRACTION.max
  const tiles =
    large.tiles !== undefined && small.tiles !== undefined
      ? `; tiles ${large.tiles} vs ${small.tiles}`
      : ''
  return {
    id: 'regional-area',
    target,
    status: ok ? 'met' : 'not met',
    detail:
      `${large.side}² job ${large.seconds.toFixed(1)} s vs ${small.side}² ${small.seconds.toFixed(1)} s` +
      ` = ${ratio.toFixed(2)}× for ${areaRatio}× the area${tiles}`
  }
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}
