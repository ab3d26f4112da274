import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { JobRecord } from './soak'
import { runSoak } from './soak'
import { loadSoakPhotos } from './soak-photos'
import { CI_MIX, FULL_MIX, planSoak } from './soak-plan'
import { duration, mb, summariseSoak, summaryLines } from './soak-summary'

/**
 * `npm run soak`: 1,000 consecutive jobs of mixed sizes through the real engine and editor,
 * judging whether memory levels off and descriptors stay put (see soak-analysis.ts). Prints a
 * progress line every few jobs and a summary, writes reports/soak/last-run.json with every
 * sample, and exits 1 on a failed verdict. Not part of CI, which runs soak.test.ts instead.
 *
 * Options: --jobs N (1000), --seed S (1), --mix full|ci (full), --every N (progress lines, 25),
 * --report PATH (reports/soak/last-run.json).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      jobs: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      mix: { type: 'string', default: 'full' },
      every: { type: 'string', default: '25' },
      report: { type: 'string', default: 'reports/soak/last-run.json' }
    }
  })
  const jobs = positiveInteger('jobs', values.jobs)
  const seed = positiveInteger('seed', values.seed)
  const every = positiveInteger('every', values.every)
  if (values.mix !== 'full' && values.mix !== 'ci') {
    throw new Error(`Expected full or ci for --mix but received ${values.mix}`)
  }
  const mix = values.mix === 'full' ? FULL_MIX : CI_MIX
  const photos = await loadSoakPhotos()
  const plan = planSoak(jobs, seed, photos, mix)
  console.log(
    `Soak: ${jobs} jobs, seed ${seed}, ${values.mix} mix, warm-up ${plan.warmupJobs} jobs (pid ${process.pid})`
  )
  const startedAt = new Date().toISOString()
  const run = await runSoak({
    plan,
    photos,
    workerPath: join(__dirname, 'inference-worker.cjs'),
    onJob: (record) => {
      if ((record.index + 1) % every === 0 || record.outcome === 'failed') {
        console.log(progressLine(record, jobs))
      }
    }
  })
  const summary = summariseSoak(plan, run)
  for (const line of summaryLines(summary)) console.log(line)
  const reportPath = resolve(values.report)
  await mkdir(dirname(reportPath), { recursive: true })
  const { analysis, ...totals } = summary
  await writeFile(
    reportPath,
    JSON.stringify(
      {
        startedAt,
        mix: values.mix,
        ...totals,
        analysis,
        editorLog: run.editorLog,
        start: run.start,
        records: run.records
      },
      null,
      1
    )
  )
  console.log(`Report: ${reportPath}`)
  return summary.pass ? 0 : 1
}

/** When the run began, for the elapsed time in progress lines. */
const started = performance.now()

function progressLine(record: JobRecord, jobs: number): string {
  const { sample } = record
  const elapsed = duration((performance.now() - started) / 1000)
  const fds = sample.fds === null ? 'n/a' : String(sample.fds)
  const count = String(record.index + 1).padStart(String(jobs).length)
  return (
    `[${count}/${jobs}] ${elapsed.padStart(6)}  rss ${mb(sample.rss)}  heap ${mb(sample.heapUsed)}  ` +
    `external ${mb(sample.external)}  fds ${fds}  last: ${record.label} → ${record.outcome}` +
    (record.error ? ` (${record.error})` : '')
  )
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Expected positive integer for --${name} but received ${text}`)
  }
  return value
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(2)
  }
)
