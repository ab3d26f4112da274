import type { CaseRecord, Verdict } from './fuzz-pool'

/** The totals a fuzz run is judged by, and the cases worth a look. */
export interface FuzzSummary {
  readonly cases: number
  readonly runSeed: number
  readonly durationMs: number
  readonly verdicts: Readonly<Record<Verdict, number>>
  /** Per stage: how many succeeded, and the typed errors by code. */
  readonly stages: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Cases per mutator and per seed image: proof that every one was exercised. */
  readonly mutators: Readonly<Record<string, number>>
  readonly seeds: Readonly<Record<string, number>>
  readonly slowest: CaseRecord | undefined
  readonly peakRssMb: number
  /** Every case that did not pass (crash, hang, untyped error, bad output). */
  readonly failures: readonly CaseRecord[]
}

/** Totals over a run's records. */
export function summarize(
  records: readonly CaseRecord[],
  runSeed: number,
  durationMs: number
): FuzzSummary {
  const verdicts: Record<Verdict, number> = {
    passed: 0,
    untyped: 0,
    'bad-output': 0,
    crash: 0,
    hang: 0
  }
  const stages: Record<string, Record<string, number>> = {}
  const mutators: Record<string, number> = {}
  const seeds: Record<string, number> = {}
  let slowest: CaseRecord | undefined
  let peakRssMb = 0
  for (const record of records) {
    verdicts[record.verdict] += 1
    if (record.mutator) count(mutators, record.mutator)
    if (record.seed) count(seeds, record.seed)
    for (const stage of record.stages) {
      const key = stage.outcome === 'ok' ? 'ok' : stage.outcome === 'typed' ? stage.code : 'untyped'
      count((stages[stage.stage] ??= {}), key)
    }
    if (!slowest || record.ms > slowest.ms) slowest = record
    peakRssMb = Math.max(peakRssMb, record.peakRssMb ?? 0)
  }
  return {
    cases: records.length,
    runSeed,
    durationMs,
    verdicts,
    stages,
    mutators,
    seeds,
    slowest,
    peakRssMb,
    failures: records.filter((record) => record.verdict !== 'passed')
  }
}

/** A run failed when any case crashed, hung, threw an untyped error or left bad output. */
export function runFailed(summary: FuzzSummary): boolean {
  return summary.failures.length > 0
}

/** The summary as lines for a terminal. */
export function formatSummary(summary: FuzzSummary): string {
  const { verdicts, slowest } = summary
  const lines = [
    `Fuzzed ${summary.cases} cases (seed ${summary.runSeed}) in ${seconds(summary.durationMs)}`,
    `  passed ${verdicts.passed}, crashes ${verdicts.crash}, hangs ${verdicts.hang}, ` +
      `untyped errors ${verdicts.untyped}, bad output ${verdicts['bad-output']}`,
    '  outcomes by stage:',
    ...Object.entries(summary.stages).map(
      ([stage, outcomes]) => `    ${stage}: ${pairs(outcomes)}`
    ),
    `  mutators: ${pairs(summary.mutators)}`,
    `  seeds: ${pairs(summary.seeds)}`,
    `  peak child memory: ${summary.peakRssMb} MB`
  ]
  if (slowest) {
    lines.push(
      `  slowest: case ${slowest.case} (${slowest.seed ?? '?'}, ${slowest.mutator ?? '?'}: ` +
        `${slowest.detail ?? ''}) ${slowest.ms} ms`
    )
  }
  for (const failure of summary.failures.slice(0, 20)) {
    lines.push(
      `  ${failure.verdict.toUpperCase()} case ${failure.case} (${failure.seed ?? '?'}, ` +
        `${failure.mutator ?? '?'}: ${failure.detail ?? ''}): ${failure.problems.join(' | ')}`
    )
  }
  if (summary.failures.length > 20) lines.push(`  … and ${summary.failures.length - 20} more`)
  return lines.join('\n')
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

function pairs(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
