import { basename } from 'node:path'
import type { BatchOutputSettings } from '../../shared/domain/batch'
import { LucidError } from '../../shared/ipc/errors'
import type { EngineHolder } from '../editor/engine-holder'
import { HistoryStore } from '../editor/history-store'
import { runStep } from '../editor/run-step'
import { loadImage } from '../engine/io/load-image'
import { saveImage } from '../engine/io/save-image'
import type { ProcessItem } from './batch-runner'
import type { PlannedOutput } from './output-plan'
import { recipeFraction } from './recipe-job'

export interface HistoryBatchParts {
  /** The editor's engine (restorations run in its worker, one inference at a time). */
  readonly engine: EngineHolder
  /** The editor's history store: each photo's saved steps and masks. */
  readonly histories: Pick<HistoryStore, 'load'>
}

/**
 * One planned photo of a history batch: its own saved edit history, up to the step the person
 * was looking at (the history's cursor), replayed on the original with its brush masks, as the
 * editor would render it, then written like a recipe result (atomically, never onto the
 * original; nothing written on failure or cancel).
 *
 * A photo without saved steps (or whose history is undone to the original, or was made for an
 * earlier version of the file) is skipped with the reason "<name> has no edit history": it is
 * not broken, there is just nothing to apply.
 */
export function historyItemProcess(
  parts: HistoryBatchParts,
  output: BatchOutputSettings
): ProcessItem<PlannedOutput> {
  return async (item, { signal, onProgress }) => {
    if (item.action === 'skip') return { status: 'skipped', reason: item.reason }
    const name = basename(item.input)
    const identity = await HistoryStore.identify(item.input).catch((error: unknown) => {
      throw new LucidError('FILE_NOT_FOUND', `${name} was not found`, { cause: error })
    })
    const saved = await parts.histories.load(identity.key, identity.source)
    const steps = saved ? saved.steps.slice(0, saved.cursor) : []
    if (!saved || steps.length === 0) {
      return { status: 'skipped', reason: `${name} has no edit history` }
    }
    const { image, source } = await loadImage(item.input)
    let current = image
    for (const [index, step] of steps.entries()) {
      const mask = step.masked ? saved.masks.get(step.id) : undefined
      const run = await runStep(current, step.operation, mask, {
        engine: parts.engine,
        signal,
        onProgress: (progress) =>
          onProgress(
            recipeFraction(index, steps.length, progress.fraction),
            steps.length > 1
              ? `${progress.stage} (step ${index + 1}/${steps.length})`
              : progress.stage
          )
      })
      current = run.image
    }
    if (signal.aborted) throw new LucidError('CANCELLED', 'The job was cancelled')
    await saveImage(current, item.output, {
      format: item.format,
      quality: output.quality,
      colourProfile: output.colourProfile,
      keepMetadata: output.keepMetadata,
      source,
      overwrite: item.overwrite,
      protectedPaths: [item.input]
    })
    return { status: 'done', output: item.output }
  }
}
