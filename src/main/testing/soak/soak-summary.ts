import type { SoakAnalysis } from './soak-analysis'
import { analyseSoak } from './soak-analysis'
import type { JobRecord, SoakRun } from './soak'
import type { SoakPlan } from './soak-plan'

export interface SoakSummary {
  readonly seed: number
  readonly jobs: number
  readonly warmupJobs: number
  readonly seconds: number
  readonly outcomes: Readonly<Record<JobRecord['outcome'], number>>
  /** Jobs that failed unexpectedly: a soak whose jobs fail has not exercised their paths. */
  readonly failures: readonly { index: number; label: string; error: string }[]
  readonly rss: {
    readonly start: number
    readonly afterWarmup: number
    readonly end: number
    /** Over the post-warm-up samples. */
    readonly min: number
    readonly max: number
  }
  readonly fds: {
    readonly start: number
    readonly afterWarmup: number
    readonly end: number
  } | null
  readonly analysis: SoakAnalysis
  readonly pass: boolean
  readonly reasons: readonly string[]
}

/**
 * The verdict of a soak run: the memory and descriptor analysis, and no job failing for a
 * reason other than its planned cancellation.
 */
export function summariseSoak(
  plan: SoakPlan,
  run: SoakRun,
  tolerances: { rssTolerance?: number; fdSlack?: number } = {}
): SoakSummary {
  const { records } = run
  const analysis = analyseSoak(
    records.map((r) => r.sample),
    { warmupJobs: plan.warmupJobs, ...tolerances }
  )
  const outcomes = { done: 0, cancelled: 0, failed: 0 }
  for (const record of records) outcomes[record.outcome] += 1
  const failures = records.flatMap((r) =>
    r.outcome === 'failed' ? [{ index: r.index, label: r.label, error: r.error ?? '' }] : []
  )
  const steady = records.slice(plan.warmupJobs).map((r) => r.sample.rss)
  const last = records[records.length - 1]?.sample
  const reasons = [
    ...analysis.reasons,
    ...(failures.length > 0 ? [`${failures.length} job(s) failed unexpectedly`] : [])
  ]
  return {
    seed: plan.seed,
    jobs: records.length,
    warmupJobs: plan.warmupJobs,
    seconds: run.seconds,
    outcomes,
    failures,
    rss: {
      start: run.start.rss,
      afterWarmup: analysis.rss.plateau,
      end: analysis.rss.end,
      min: Math.min(...steady),
      max: Math.max(...steady)
    },
    fds:
      analysis.fds && run.start.fds !== null && last?.fds != null
        ? { start: run.start.fds, afterWarmup: analysis.fds.start, end: analysis.fds.end }
        : null,
    analysis,
    pass: reasons.length === 0,
    reasons
  }
}

/** The summary for people, one fact per line. */
export function summaryLines(summary: SoakSummary): string[] {
  const { rss, fds, analysis, outcomes } = summary
  const lines = [
    `Soak: ${summary.jobs} jobs (seed ${summary.seed}, warm-up ${summary.warmupJobs}) in ${duration(summary.seconds)}`,
    `Outcomes: ${outcomes.done} done, ${outcomes.cancelled} cancelled, ${outcomes.failed} failed`,
    `RSS: start ${mb(rss.start)}, after warm-up ${mb(rss.afterWarmup)}, end ${mb(rss.end)}, ` +
      `min ${mb(rss.min)}, max ${mb(rss.max)} (after warm-up)`,
    `RSS windows of ${analysis.windowSize} jobs: ${analysis.rss.windowLevels.map(mb).join(', ')}; ` +
      `worst ${signedPercent(analysis.rss.worstWindowDeviation)}, largest single sample ${signedPercent(analysis.rss.maxSampleDeviation)}`,
    `Heap used: ${mb(analysis.heapUsed.plateau)} → ${mb(analysis.heapUsed.end)}; external: ${mb(analysis.external.plateau)} → ${mb(analysis.external.end)}`,
    fds
      ? `Open file descriptors: start ${fds.start}, after warm-up ${fds.afterWarmup}, end ${fds.end}`
      : 'Open file descriptors: unavailable on this platform',
    ...summary.failures.slice(0, 10).map((f) => `  failed #${f.index} ${f.label}: ${f.error}`),
    `Verdict: ${summary.pass ? 'PASS' : `FAIL — ${summary.reasons.join('; ')}`}`
  ]
  return lines
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`
}

export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds % 60)
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`
}

function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`
}
