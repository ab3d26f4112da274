import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CaseRecord } from './fuzz-pool'
import { runFuzz } from './fuzz-pool'
import { formatSummary, runFailed, summarize } from './fuzz-summary'

/**
 * `node out/tools/fuzz.cjs [--cases 10000] [--seed 1] [--first 0] [--timeout-ms 20000]
 * [--jobs 2]`: the decoder fuzz run (`npm run fuzz`). Damaged images go through open, preview,
 * thumbnail and export in child processes (out/tools/fuzz-child.cjs); prints progress and a
 * summary, writes reports/fuzz/last-run.json and keeps failing inputs in reports/fuzz/failures/.
 * Exits 1 when any case crashed, hung, threw an untyped error or left bad output. Run from the
 * repository root (the real photo seeds are read from its node_modules).
 *
 * To replay one case: `--first N --cases 1 --seed S`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      first: { type: 'string', default: '0' },
      'timeout-ms': { type: 'string', default: '20000' },
      jobs: { type: 'string', default: '2' },
      'max-rss-mb': { type: 'string', default: '3072' }
    }
  })
  const cases = positiveInteger(values.cases, 'cases')
  const runSeed = positiveInteger(values.seed, 'seed', 0)
  const reportPath = resolve('reports/fuzz/last-run.json')
  const failuresDir = resolve('reports/fuzz/failures')
  // Inputs kept from an earlier run would be mistaken for this run's.
  await rm(failuresDir, { recursive: true, force: true })

  console.log(`Lucid fuzz: ${cases} cases, seed ${runSeed}`)
  const started = Date.now()
  let done = 0
  let notPassed = 0
  let lastPrint = Date.now()
  const records = await runFuzz({
    childPath: join(__dirname, 'fuzz-child.cjs'),
    repoRoot: process.cwd(),
    runSeed,
    first: positiveInteger(values.first, 'first', 0),
    cases,
    timeoutMs: positiveInteger(values['timeout-ms'], 'timeout-ms'),
    jobs: positiveInteger(values.jobs, 'jobs'),
    maxRssMb: positiveInteger(values['max-rss-mb'], 'max-rss-mb'),
    failuresDir,
    onRecord: (record: CaseRecord) => {
      done += 1
      if (record.verdict !== 'passed') {
        notPassed += 1
        console.log(`  ${record.verdict} at case ${record.case}: ${record.problems[0] ?? ''}`)
      }
      if (Date.now() - lastPrint > 10_000 || done === cases) {
        lastPrint = Date.now()
        const rate = done / ((Date.now() - started) / 1000)
        console.log(`  ${done}/${cases} cases, ${notPassed} not passed, ${rate.toFixed(1)} cases/s`)
      }
    }
  })
  const summary = summarize(records, runSeed, Date.now() - started)
  console.log(formatSummary(summary))
  await mkdir(dirname(reportPath), { recursive: true })
  await writeFile(reportPath, `${JSON.stringify(summary, null, 2)}\n`)
  console.log(`Report: ${reportPath}`)
  if (runFailed(summary)) {
    console.log(`Failing inputs: ${failuresDir}`)
    process.exitCode = 1
  }
}

function positiveInteger(text: string, name: string, min = 1): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Expected an integer ≥ ${min} for --${name} but received ${text}`)
  }
  return value
}

main().catch((error: unknown) => {
  console.error(`\nLucid fuzz: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
