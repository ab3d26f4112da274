import { rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestWorker } from '../../engine/worker/test-worker/build-test-worker'
import { runFuzz } from './fuzz-pool'
import { formatSummary, summarize } from './fuzz-summary'
import { mutatorNames } from './mutators'

/**
 * The decoder fuzz run, small enough for every test run (issue #7): damaged images through
 * open, preview, 8-bit decode, thumbnail and export, each ending in a success or a typed
 * error. `npm run fuzz` runs 10,000; LUCID_FUZZ_CASES changes the count here.
 */
const CASES = Number(process.env.LUCID_FUZZ_CASES ?? 500)
const RUN_SEED = 1
const SEED_IMAGES = 13
const repoRoot = resolve(__dirname, '../../../..')
let childPath: string

beforeAll(async () => {
  childPath = await buildTestWorker(join(__dirname, 'fuzz-child.ts'))
}, 120_000)

afterAll(async () => {
  if (childPath) await rm(dirname(childPath), { recursive: true, force: true })
})

it(`${CASES} damaged images neither crash nor hang the app, and fail only with typed errors`, async () => {
  const started = Date.now()
  const records = await runFuzz({
    childPath,
    repoRoot,
    runSeed: RUN_SEED,
    cases: CASES,
    timeoutMs: 20_000,
    jobs: 2
  })
  const summary = summarize(records, RUN_SEED, Date.now() - started)

  expect(summary.failures, formatSummary(summary)).toEqual([])
  expect(summary.cases).toBe(CASES)
  // The run was a real one: every mutator on every seed format, and both sides of each stage.
  expect(Object.keys(summary.mutators).sort()).toEqual([...mutatorNames].sort())
  expect(Object.keys(summary.seeds)).toHaveLength(SEED_IMAGES)
  for (const outcome of ['ok', 'CORRUPT_IMAGE', 'IMAGE_TOO_LARGE']) {
    expect(summary.stages.open?.[outcome], outcome).toBeGreaterThan(0)
  }
  for (const format of ['jpeg', 'png', 'webp', 'tiff', 'avif']) {
    expect(summary.stages[`export-${format}`]?.ok, format).toBeGreaterThan(0)
  }
}, 600_000)
