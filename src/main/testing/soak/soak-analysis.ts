/**
 * The soak's verdict from its per-job samples: does memory level off after warm-up, and do open
 * file descriptors stay put? Pure, so the definition is unit-tested on synthetic series.
 *
 * Definition, for `n` samples (one after each job) and `warmupJobs` = W:
 * - The post-warm-up samples s[W..n-1] are cut into windows of `windowSize` consecutive
 *   samples (a short last remainder joins the window before it).
 * - The plateau level is the median RSS of the first window; each window's level is its median.
 * - RSS passes when every window's level lies within ±`rssTolerance` of the plateau level.
 *   Medians, not single samples: a sample taken while a large result is still referenced, or
 *   before the allocator returned a freed block, is a spike, whereas a leak raises every
 *   window after it. The largest single-sample deviation is reported, not judged.
 * - Open descriptors pass when the last window's median is at most the first window's median
 *   plus `fdSlack`. Descriptor counts are exact and quiet between jobs (every file the editor
 *   writes is awaited before the sample), so the default slack is 0: one leaked descriptor per
 *   few jobs raises the median.
 */

export interface ResourceSample {
  /** Resident set size of the whole process (the worker thread included), bytes. */
  readonly rss: number
  readonly heapUsed: number
  readonly external: number
  readonly arrayBuffers: number
  /** Open file descriptors; null where the platform does not say (not Linux). */
  readonly fds: number | null
}

export interface AnalysisOptions {
  /** Samples that belong to warm-up: sessions created, arenas grown, JIT settled. */
  readonly warmupJobs: number
  /** Samples per window; default a tenth of the post-warm-up samples, at least 5. */
  readonly windowSize?: number
  /** Allowed relative distance of any window level from the plateau level; default 0.10. */
  readonly rssTolerance?: number
  /** Descriptors the end may hold beyond the start; default 0. */
  readonly fdSlack?: number
}

export interface PlateauResult {
  /** Median of the first post-warm-up window, bytes. */
  readonly plateau: number
  /** Median of the last window, bytes. */
  readonly end: number
  /** Each window's median, in order. */
  readonly windowLevels: readonly number[]
  /** (window level − plateau) / plateau of the window farthest from the plateau. */
  readonly worstWindowDeviation: number
  /** (sample − plateau) / plateau of the sample farthest from the plateau (reported only). */
  readonly maxSampleDeviation: number
  readonly pass: boolean
}

export interface FdResult {
  readonly start: number
  readonly end: number
  readonly pass: boolean
}

export interface SoakAnalysis {
  readonly warmupJobs: number
  readonly windowSize: number
  readonly rss: PlateauResult
  /** Heap and external memory, judged the same way, reported for diagnosis only. */
  readonly heapUsed: PlateauResult
  readonly external: PlateauResult
  /** Null where descriptors cannot be counted. */
  readonly fds: FdResult | null
  readonly pass: boolean
  /** Why it failed, for people; empty when it passed. */
  readonly reasons: readonly string[]
}

const DEFAULT_RSS_TOLERANCE = 0.1
const MIN_WINDOW = 5
const WINDOWS = 10

/**
 * Judges a soak run's samples (see the module comment for the definition).
 *
 * @throws Error when fewer than two windows of samples follow warm-up: nothing to compare
 */
export function analyseSoak(
  samples: readonly ResourceSample[],
  options: AnalysisOptions
): SoakAnalysis {
  const { warmupJobs } = options
  const steady = samples.slice(warmupJobs)
  const windowSize = options.windowSize ?? Math.max(MIN_WINDOW, Math.floor(steady.length / WINDOWS))
  if (windowSize < 1 || steady.length < 2 * windowSize) {
    throw new Error(
      `Expected at least two windows of ${windowSize} samples after ${warmupJobs} warm-up jobs but received ${steady.length}`
    )
  }
  const tolerance = options.rssTolerance ?? DEFAULT_RSS_TOLERANCE
  const windows = cutWindows(steady, windowSize)
  const rss = plateau(windows, (s) => s.rss, tolerance)
  const reasons: string[] = []
  if (!rss.pass) {
    const direction = rss.worstWindowDeviation > 0 ? 'rose' : 'fell'
    reasons.push(
      `RSS ${direction} ${percent(rss.worstWindowDeviation)} from its post-warm-up plateau (allowed ±${percent(tolerance)})`
    )
  }
  const fds = fdCheck(windows, options.fdSlack ?? 0)
  if (fds && !fds.pass) {
    reasons.push(`Open file descriptors grew from ${fds.start} to ${fds.end}`)
  }
  return {
    warmupJobs,
    windowSize,
    rss,
    heapUsed: plateau(windows, (s) => s.heapUsed, tolerance),
    external: plateau(windows, (s) => s.external, tolerance),
    fds,
    pass: reasons.length === 0,
    reasons
  }
}

/** Consecutive windows of `size`; a remainder shorter than `size` joins the last window. */
export function cutWindows<T>(values: readonly T[], size: number): T[][] {
  const count = Math.max(1, Math.floor(values.length / size))
  return Array.from({ length: count }, (_, i) =>
    values.slice(i * size, i === count - 1 ? values.length : (i + 1) * size)
  )
}

/** The median (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

function plateau(
  windows: readonly (readonly ResourceSample[])[],
  read: (sample: ResourceSample) => number,
  tolerance: number
): PlateauResult {
  const windowLevels = windows.map((window) => median(window.map(read)))
  const level = windowLevels[0] ?? NaN
  const deviation = (value: number): number => (value - level) / level
  const farthest = (values: readonly number[]): number =>
    values.map(deviation).reduce((worst, d) => (Math.abs(d) > Math.abs(worst) ? d : worst), 0)
  const worstWindowDeviation = farthest(windowLevels)
  return {
    plateau: level,
    end: windowLevels[windowLevels.length - 1] ?? NaN,
    windowLevels,
    worstWindowDeviation,
    maxSampleDeviation: farthest(windows.flat().map(read)),
    pass: Math.abs(worstWindowDeviation) <= tolerance
  }
}

function fdCheck(windows: readonly (readonly ResourceSample[])[], slack: number): FdResult | null {
  const counts = (window: readonly ResourceSample[] | undefined): number[] =>
    (window ?? []).flatMap((s) => (s.fds === null ? [] : [s.fds]))
  const first = counts(windows[0])
  const last = counts(windows[windows.length - 1])
  if (first.length === 0 || last.length === 0) return null
  const start = median(first)
  const end = median(last)
  return { start, end, pass: end <= start + slack }
}

function percent(fraction: number): string {
  return `${(Math.abs(fraction) * 100).toFixed(1)}%`
}
