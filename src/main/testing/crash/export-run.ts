import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExportOptions } from '../../../shared/domain/document'
import { createCore } from '../../core'
import { journalDir } from '../../engine/temp-journal'
import { ScriptedDialogs } from '../../ipc/scripted-dialogs'
import { caseRandom } from '../fuzz/prng'
import { CrashChild } from './child-process'
import { echoEngine } from './echo-engine'
import type { ExportReference, ExportVerdict } from './export-check'
import { checkExport, exportReference, isTempName, tempFilesUnder } from './export-check'
import type { KillPlan } from './kill-timing'
import { exportKillPlan, killAsPlanned } from './kill-timing'

/** A 16-bit PNG of a noisy photo: about 11 MB to write, a few milliseconds of temp file. */
export const EXPORT_OPTIONS: ExportOptions = {
  format: 'png',
  quality: 90,
  bitDepth: 16,
  keepMetadata: true,
  colourProfile: 'original'
}

/** The folders one scenario shares across its runs (as one person's machine would). */
export interface ExportScene {
  readonly script: string
  readonly photo: string
  readonly dataDir: string
  readonly importsDir: string
  /** Where the exports go: `same.png`, overwritten again and again, and new files. */
  readonly exportDir: string
}

export interface ExportRunResult {
  readonly run: number
  readonly plan: KillPlan
  /** Temporary files found right after the kill: the kill landed inside a write. */
  readonly tempsAtKill: number
  /** Every file under an export's name, judged against the reference. */
  readonly verdicts: Record<string, ExportVerdict>
  /** Temporary files still there after a fresh core's start-up clean-up. */
  readonly orphans: readonly string[]
  /** What the clean-up deleted. */
  readonly removed: number
  /** Journals of processes other than this one left after the clean-up (the child's must go). */
  readonly strayJournals: readonly string[]
}

/** The export a child makes when nothing interrupts it. */
export async function referenceExport(scene: ExportScene): Promise<ExportReference> {
  const target = join(scene.exportDir, 'reference.png')
  const child = new CrashChild(scene.script, {
    mode: 'export',
    dataDir: scene.dataDir,
    importsDir: scene.importsDir,
    photo: scene.photo,
    targets: [target],
    options: EXPORT_OPTIONS,
    exports: 1
  })
  const exit = await child.exited
  if (exit.code !== 0) throw new Error(`reference export failed: ${child.errors}`)
  return exportReference(target)
}

/**
 * One run: a child exports in a loop (to `same.png` and to a new file each time) and is
 * killed as the run's seed says; then every export file is judged and a fresh core is started
 * on the same data folder to clean up.
 */
export async function exportRun(
  scene: ExportScene,
  reference: ExportReference,
  seed: number,
  run: number
): Promise<ExportRunResult> {
  const random = caseRandom(seed, run)
  const plan = exportKillPlan(random, 3)
  const child = new CrashChild(scene.script, {
    mode: 'export',
    dataDir: scene.dataDir,
    importsDir: scene.importsDir,
    photo: scene.photo,
    targets: [join(scene.exportDir, 'same.png'), join(scene.exportDir, `new-${run}-{i}.png`)],
    options: EXPORT_OPTIONS
  })
  try {
    await child.waitFor((report) => report.type === 'ready')
    await killAsPlanned(child, scene.exportDir, plan)
  } finally {
    // Also when waiting failed: a child left running would export until the machine is full.
    child.kill()
  }
  await child.exited
  const tempsAtKill = (await tempFilesUnder(scene.exportDir)).length
  const verdicts: Record<string, ExportVerdict> = {}
  for (const name of await readdir(scene.exportDir)) {
    if (isTempName(name) || name === 'reference.png') continue
    verdicts[name] = await checkExport(join(scene.exportDir, name), reference)
  }
  const core = createCore({
    dialogs: new ScriptedDialogs(),
    importsDir: scene.importsDir,
    dataDir: scene.dataDir,
    engineFactory: echoEngine
  })
  const cleanup = await core.tempCleanup
  await core.close()
  const orphans = [
    ...(await tempFilesUnder(scene.exportDir)),
    ...(await tempFilesUnder(scene.dataDir))
  ]
  const strayJournals = await foreignJournals(scene.dataDir)
  return {
    run,
    plan,
    tempsAtKill,
    verdicts,
    orphans,
    removed: cleanup.removed.length,
    strayJournals
  }
}

/** Journal files in a data folder that are not this (test) process's. */
export async function foreignJournals(dataDir: string): Promise<string[]> {
  const names = await readdir(journalDir(dataDir)).catch(() => [] as string[])
  return names.filter((name) => !name.startsWith(`${process.pid}-`))
}
