import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { createCore } from '../../core'
import { HistoryStore } from '../../editor/history-store'
import { ScriptedDialogs } from '../../ipc/scripted-dialogs'
import { LucidError } from '../../../shared/ipc/errors'
import { caseRandom } from '../fuzz/prng'
import { CrashChild } from './child-process'
import { echoEngine } from './echo-engine'
import { foreignJournals } from './export-run'
import { tempFilesUnder } from './export-check'
import type { HistoryShape } from './history-check'
import { checkReload } from './history-check'

/** The folders one scenario shares across its runs: each run continues the last one's history. */
export interface AutosaveScene {
  readonly script: string
  readonly photo: string
  readonly dataDir: string
  readonly importsDir: string
}

export interface AutosaveRunResult {
  readonly run: number
  readonly killAfterMs: number
  /** Temporary files in the data folder right after the kill: the kill landed inside a write. */
  readonly tempsAtKill: number
  /** Edits the child reported as committed before it was killed. */
  readonly edits: number
  /** What went wrong; empty for a good run. */
  readonly problems: readonly string[]
  /** How old the oldest lost edit was at the kill (0: none lost, or only the one in flight). */
  readonly lostMs: number
  /** Steps of the reloaded history whose thumbnail was missing (the panel then shows none). */
  readonly missingThumbs: number
  readonly orphans: readonly string[]
  readonly strayJournals: readonly string[]
}

/**
 * One run: a child opens the photo (reloading the history the last run left), edits in a loop
 * and is killed after a seeded delay; then a fresh core on the same data folder cleans up and
 * reopens the photo, and the reloaded history is checked against the child's reports.
 */
export async function autosaveRun(
  scene: AutosaveScene,
  seed: number,
  run: number,
  expectedStart: HistoryShape | null
): Promise<AutosaveRunResult & { reloaded: HistoryShape | null }> {
  const random = caseRandom(seed, run)
  const killAfterMs = random.int(150, 1600)
  const child = new CrashChild(scene.script, {
    mode: 'autosave',
    dataDir: scene.dataDir,
    importsDir: scene.importsDir,
    photo: scene.photo,
    seed: random.int(0, 2 ** 31)
  })
  let killedAt: number
  const problems: string[] = []
  try {
    await child.waitFor((report) => report.type === 'ready')
    const ready = child.reports.find((r) => r.type === 'ready')
    if (expectedStart && ready?.type === 'ready') {
      const reopened = { ids: ready.ids ?? [], cursor: ready.cursor ?? 0 }
      if (JSON.stringify(reopened) !== JSON.stringify(expectedStart)) {
        problems.push('the child reopened another history than the last check reloaded')
      }
    }
    await new Promise((resolve) => setTimeout(resolve, killAfterMs))
    killedAt = Date.now()
  } finally {
    // Here at the planned time, and also when waiting failed (no child left editing forever).
    child.kill()
  }
  await child.exited
  const tempsAtKill = (await tempFilesUnder(scene.dataDir)).length

  const { key, source } = await HistoryStore.identify(scene.photo)
  const core = createCore({
    dialogs: new ScriptedDialogs(),
    importsDir: scene.importsDir,
    dataDir: scene.dataDir,
    engineFactory: echoEngine
  })
  await core.tempCleanup
  // The store's own reading: schema, source, and every masked step's mask present.
  const saved = await new HistoryStore(scene.dataDir).load(key, source)
  const folder = join(scene.dataDir, 'history', key)
  if (!saved && existsSync(join(folder, 'history.json'))) {
    problems.push(`history.json is there but does not load (${await whyUnloadable(folder)})`)
  }
  const reloaded = saved && { ids: saved.steps.map((s) => s.id), cursor: saved.cursor }
  const verdict = checkReload(reloaded, child.reports, killedAt)
  problems.push(...verdict.problems)
  // The editor's own reopening: at the saved cursor, every step's thumbnail whole or absent.
  const state = await core.store.open(scene.photo)
  if (
    state.cursor !== (reloaded?.cursor ?? 0) ||
    state.steps.length !== (reloaded?.ids.length ?? 0)
  ) {
    problems.push(
      `reopened at ${state.cursor}/${state.steps.length}, saved ${JSON.stringify(reloaded)}`
    )
  }
  let missingThumbs = 0
  for (const step of state.steps) {
    try {
      await sharp(await core.store.thumb(state.id, step.id), { failOn: 'truncated' }).stats()
    } catch (error) {
      if (error instanceof LucidError && error.code === 'NOT_FOUND') missingThumbs += 1
      else problems.push(`thumbnail of step ${step.id}: ${String(error)}`)
    }
  }
  await core.close()
  return {
    run,
    killAfterMs,
    tempsAtKill,
    edits: child.reports.filter((r) => r.type === 'state').length,
    problems,
    lostMs: verdict.lostMs,
    missingThumbs,
    orphans: await tempFilesUnder(scene.dataDir),
    strayJournals: await foreignJournals(scene.dataDir),
    reloaded
  }
}

/** A hint for the failure message: unparsable, or which masked steps lack their mask. */
async function whyUnloadable(folder: string): Promise<string> {
  try {
    const file = JSON.parse(await readFile(join(folder, 'history.json'), 'utf8')) as {
      steps: { id: string; masked: boolean }[]
    }
    const missing = file.steps.filter(
      (step) => step.masked && !existsSync(join(folder, 'masks', `${step.id}.json`))
    )
    return `${missing.length} of ${file.steps.length} steps lack their mask`
  } catch (error) {
    return String(error)
  }
}
