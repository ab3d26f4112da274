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
 * Regional deblur against painted area. The step runs only the fixed-size model tiles that cover
 * the painted box plus the model's context, so its cost is proportional to the area of that
 * tile cover: the target is met when (a) the seconds per tile of the two regions agree within
 * this fraction (the unit cost does not change with the region), and (b) the tile count grows
 * with the painted area and no faster (512² vs 256²: more tiles, at most 4× as many). The raw
 * time ratio is reported beside it: it is below the area ratio because every region pays the
 * same context margin. A step whose cost followed the 24-MP photo (hundreds of tiles) fails (b).
 */
export const PER_TILE_TOLERANCE = 0.25

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
    `regional deblur cost ∝ painted area: seconds per tile within ±${percent(PER_TILE_TOLERANCE)} ` +
    `between regions, tiles growing with the painted area and no faster`
  const regions = report.e2e
    .flatMap((row) => {
      const seconds = row.jobSeconds ?? row.stepSeconds
      return row.paintedSide === undefined ||
        seconds === undefined ||
        row.tiles === undefined ||
        row.error
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
  const perTile = large.seconds / large.tiles / (small.seconds / small.tiles)
  const tilesFollowArea = large.tiles > small.tiles && large.tiles <= small.tiles * areaRatio
  const ok = Math.abs(perTile - 1) <= PER_TILE_TOLERANCE && tilesFollowArea
  return {
    id: 'regional-area',
    target,
    status: ok ? 'met' : 'not met',
    detail:
      `${large.side}²: ${large.tiles} tiles, ${large.seconds.toFixed(1)} s ` +
      `(${(large.seconds / large.tiles).toFixed(2)} s/tile); ` +
      `${small.side}²: ${small.tiles} tiles, ${small.seconds.toFixed(1)} s ` +
      `(${(small.seconds / small.tiles).toFixed(2)} s/tile); ` +
      `time ${(large.seconds / small.seconds).toFixed(2)}× for ${areaRatio}× the area`
  }
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}
