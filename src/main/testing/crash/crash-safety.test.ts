import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir, writeLowContrastPng } from '../images'
import type { AutosaveRunResult } from './autosave-run'
import { autosaveRun } from './autosave-run'
import { crashChildScript } from './child-process'
import type { ExportRunResult } from './export-run'
import { exportRun, referenceExport } from './export-run'
import type { HistoryShape } from './history-check'

/**
 * Kill -9 at random points during export and during history autosave (issue #7, item 5).
 * LUCID_CRASH_RUNS sets the runs per scenario (default 30, 60 in all); LUCID_CRASH_SEED
 * replays a failure (each run's random source is a function of the seed and the run number).
 */
const RUNS = Number(process.env.LUCID_CRASH_RUNS ?? 30)
const SEED = Number(process.env.LUCID_CRASH_SEED ?? 0x5eed)
const PER_RUN_MS = 8_000

let script: string

beforeAll(async () => {
  script = await crashChildScript()
}, 120_000)

/** A noisy photo: its PNG export does not compress, so the write takes measurable time. */
async function noisyPhoto(dir: string, width = 1600, height = 1200): Promise<string> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24
  const path = join(dir, 'photo.png')
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toFile(path)
  return path
}

describe(`kill -9 (seed ${SEED}, ${RUNS} runs each)`, () => {
  it(
    'export: every file under an export name is whole, and no temporary file survives a restart',
    async () => {
      const dir = await tempDir('lucid-crash-export-')
      const scene = {
        script,
        photo: await noisyPhoto(dir),
        dataDir: join(dir, 'data'),
        importsDir: join(dir, 'imports'),
        exportDir: join(dir, 'exports')
      }
      await mkdir(scene.exportDir)
      const reference = await referenceExport(scene)
      const results: ExportRunResult[] = []
      for (let run = 0; run < RUNS; run++)
        results.push(await exportRun(scene, reference, SEED, run))

      const midWrite = results.filter((r) => r.tempsAtKill > 0).length
      const files = results.map((r) => Object.keys(r.verdicts).length)
      console.log(
        `export: ${RUNS} kills, ${midWrite} inside a write (temporary file present), ` +
          `${results.filter((r) => r.plan.kind === 'mid-write').length} aimed at a write; ` +
          `${files[files.length - 1] ?? 0} export files judged at the end, ` +
          `${results.reduce((sum, r) => sum + r.removed, 0)} orphans cleaned up`
      )
      for (const result of results) {
        const context = `run ${result.run} (${JSON.stringify(result.plan)})`
        for (const [name, verdict] of Object.entries(result.verdicts)) {
          expect(verdict, `${context}: ${name}`).toBe('complete')
        }
        expect(result.orphans, context).toEqual([])
        expect(result.strayJournals, context).toEqual([])
      }
      // The kills must really land inside writes, or the test proves little.
      expect(midWrite).toBeGreaterThanOrEqual(Math.ceil(RUNS / 5))
    },
    RUNS * PER_RUN_MS
  )

  it(
    'autosave: the history reloads whole, at most a second of edits lost, no temporary file left',
    async () => {
      const dir = await tempDir('lucid-crash-autosave-')
      const scene = {
        script,
        photo: await writeLowContrastPng(dir, 'photo.png', 96, 64),
        dataDir: join(dir, 'data'),
        importsDir: join(dir, 'imports')
      }
      const results: AutosaveRunResult[] = []
      let last: HistoryShape | null = null
      for (let run = 0; run < RUNS; run++) {
        const result = await autosaveRun(scene, SEED, run, last)
        results.push(result)
        last = result.reloaded
      }
      const lost = results.map((r) => r.lostMs)
      console.log(
        `autosave: ${RUNS} kills after ${results.reduce((s, r) => s + r.edits, 0)} edits, ` +
          `${results.filter((r) => r.tempsAtKill > 0).length} inside a write; ` +
          `lost at most ${Math.max(...lost)} ms of edits; ` +
          `${results.reduce((s, r) => s + r.missingThumbs, 0)} missing thumbnails`
      )
      for (const result of results) {
        const context = `run ${result.run} (killed after ${result.killAfterMs} ms)`
        expect(result.problems, context).toEqual([])
        expect(result.orphans, context).toEqual([])
        expect(result.strayJournals, context).toEqual([])
      }
      expect(results.some((r) => r.edits > 0)).toBe(true)
    },
    RUNS * PER_RUN_MS
  )
})
