import { rm } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestWorker } from '../../engine/worker/test-worker/build-test-worker'
import { runSoak } from './soak'
import { loadSoakPhotos } from './soak-photos'
import { CI_MIX, planSoak } from './soak-plan'
import { summariseSoak, summaryLines } from './soak-summary'

/**
 * The soak's short version for CI: 80 small jobs through the real worker, editor and models,
 * judged by the same analysis as `npm run soak` with tolerances for a short run:
 * - RSS ±15% instead of ±10%: with ~45 post-warm-up samples a window is 5 jobs, so one job
 *   that happens to leave a large block with the allocator moves a window's median further
 *   than over the long run's 90-job windows. A leak of a session or a tile buffer per job
 *   (megabytes each) still crosses it within the run.
 * - Descriptors: no slack, as in the long run; descriptor counts are exact.
 */
const JOBS = 80
const SEED = 7

let workerPath: string

beforeAll(async () => {
  workerPath = await buildTestWorker(resolve('src/main/engine/worker/inference-worker.ts'))
}, 120_000)

afterAll(async () => {
  if (workerPath) await rm(dirname(workerPath), { recursive: true, force: true })
})

it('runs 80 mixed jobs with memory on a plateau and no descriptor growth', async () => {
  const photos = await loadSoakPhotos()
  const plan = planSoak(JOBS, SEED, photos, CI_MIX)
  const run = await runSoak({ plan, photos, workerPath })
  const summary = summariseSoak(plan, run, { rssTolerance: 0.15, fdSlack: 0 })
  console.log(summaryLines(summary).join('\n'))

  // The mix reached every path it is meant to exercise.
  const labels = run.records.map((r) => r.label)
  expect(labels.some((l) => l.includes('via engine'))).toBe(true)
  expect(labels.some((l) => l.includes('(reopen)'))).toBe(true)
  expect(labels.some((l) => l.includes('apply-undo-redo'))).toBe(true)
  expect(summary.outcomes.cancelled).toBeGreaterThan(0)
  expect(summary.failures).toEqual([])
  expect(run.editorLog).toEqual([])

  expect(summary.analysis.rss.pass, summary.reasons.join('; ')).toBe(true)
  if (process.platform === 'linux')
    expect(summary.fds?.end).toBeLessThanOrEqual(summary.fds?.afterWarmup ?? -1)
  expect(summary.pass, summary.reasons.join('; ')).toBe(true)
}, 240_000)
