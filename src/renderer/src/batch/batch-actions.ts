import type { Result } from '../../../shared/ipc/errors'
import type { LucidApi } from '../../../shared/ipc/api'
import { unwrap } from '../../../shared/ipc/errors'
import { MAX_IMPORT_BYTES } from '../../../shared/domain/limits'
import type { Dropped } from '../actions/drop-plan'
import { planEnhance, planOpen } from '../actions/drop-plan'
import type { ActionContext } from '../actions/registry'
import { openDroppedFile } from '../actions/document-actions'
import { openGallery } from '../actions/gallery-actions'
import { useBatch } from '../state/batch-store'
import type { StartRequest } from './batch-settings'
import { loadOutput, saveOutput } from './batch-settings'
import { isActive } from './batch-reducer'

/**
 * Starting and steering batches: the dialog's batch, the "Enhance" drop target's batch, and
 * pause / resume / cancel. Progress comes back as events (see hooks/use-batch-events.ts).
 */

/**
 * Shows a new run in the batch panel and calls main to start it. Returns whether it started;
 * when not, a notice says why.
 */
export async function startRun(
  context: ActionContext,
  label: string,
  total: number,
  call: () => Promise<Result<{ batchId: string }>>
): Promise<boolean> {
  const batch = useBatch.getState()
  if (isActive(batch.run)) {
    context.state().notify({ kind: 'error', text: 'A batch is already running' })
    return false
  }
  batch.dispatch({ type: 'start', label, total })
  context.state().notify(null)
  let result: Result<{ batchId: string }>
  try {
    result = await call()
  } catch (error) {
    console.error(error)
    result = { ok: false, error: { code: 'INTERNAL', message: `${label} failed to start` } }
  }
  if (!result.ok) {
    useBatch.getState().dispatch({ type: 'start-failed' })
    context.state().notify({ kind: 'error', text: result.error.message })
    return false
  }
  useBatch.getState().dispatch({ type: 'started', batchId: result.value.batchId })
  return true
}

export function startBatch(context: ActionContext, request: StartRequest): Promise<boolean> {
  return startRun(context, 'Batch', request.itemIds.length, () => context.api.batch.start(request))
}

type Control = 'pause' | 'resume' | 'cancel'
const requested = { pause: 'paused', resume: 'running', cancel: 'cancelling' } as const

/** Pauses, resumes or cancels the batch shown in the panel. */
export async function controlBatch(context: ActionContext, control: Control): Promise<void> {
  const { run, dispatch } = useBatch.getState()
  if (!run || run.summary !== null || run.batchId === null) return
  dispatch({ type: 'requested', state: requested[control] })
  const result = await context.api.batch[control]({ batchId: run.batchId })
  if (!result.ok) context.state().notify({ kind: 'error', text: result.error.message })
}

/** A file from a drop, read while the drop event still lasts. */
export interface DroppedFile extends Dropped {
  readonly file: File
}

/** Collects what was dropped: names, paths where known, and which entries are folders. */
export function droppedFiles(api: LucidApi, transfer: DataTransfer): DroppedFile[] {
  const files = [...transfer.files]
  return files.map((file, i) => {
    const entry = transfer.items[i]?.webkitGetAsEntry() ?? null
    const path = api.shell.pathForFile(file)
    return { file, name: file.name, path: path || null, isDirectory: entry?.isDirectory ?? false }
  })
}

/** The drop area: one photo opens in the editor; several photos or a folder, a gallery. */
export async function openDropped(
  context: ActionContext,
  dropped: readonly DroppedFile[]
): Promise<void> {
  const plan = planOpen(dropped)
  const { api } = context
  switch (plan.kind) {
    case 'nothing':
      context.state().notify({ kind: 'error', text: plan.message })
      return
    case 'editor': {
      const item = dropped[plan.index]
      if (!item) return
      await openDroppedFile(context, item.file)
      if (plan.note && context.state().notice === null) {
        context.state().notify({ kind: 'info', text: plan.note })
      }
      return
    }
    case 'folder':
      return openGallery(context, async () =>
        unwrap(await api.gallery.openPath({ path: plan.path }))
      )
    case 'files':
      return openGallery(context, async () =>
        unwrap(await api.gallery.openFiles({ paths: [...plan.paths] }))
      )
  }
}

/**
 * The "Enhance" target: applies the current recipe to the dropped photos without a dialog.
 * With paths the results go beside the originals; without (a browser), to the last batch
 * output folder, asking for one first when there is none.
 */
export async function enhanceDropped(
  context: ActionContext,
  dropped: readonly DroppedFile[]
): Promise<boolean> {
  const { api } = context
  const plan = planEnhance(dropped)
  const recipe = useBatch.getState().recipe
  if (plan.kind === 'nothing') {
    context.state().notify({ kind: 'error', text: plan.message })
    return false
  }
  if (plan.kind === 'paths') {
    return startRun(context, 'Enhance', plan.paths.length, () =>
      api.enhance.paths({ paths: [...plan.paths], recipe })
    )
  }
  const chosen = plan.indices.flatMap((i) => dropped[i] ?? [])
  const fitting = chosen.filter((d) => d.file.size > 0 && d.file.size <= MAX_IMPORT_BYTES)
  if (fitting.length === 0) {
    context.state().notify({ kind: 'error', text: 'The dropped photos are too large to send' })
    return false
  }
  const folder = await outputFolder(context)
  if (folder === null) return false
  const files = await Promise.all(
    fitting.map(async (d) => ({ name: d.name, bytes: new Uint8Array(await d.file.arrayBuffer()) }))
  )
  const started = await startRun(context, 'Enhance', files.length, () =>
    api.enhance.bytes({ files, recipe, folder })
  )
  if (started && plan.note) context.state().notify({ kind: 'info', text: plan.note })
  return started
}

/** The last batch output folder, or one the person chooses now (remembered); null if cancelled. */
async function outputFolder(context: ActionContext): Promise<string | null> {
  const output = loadOutput(localStorage)
  if (output.folder) return output.folder
  const chosen = await context.api.batch.chooseFolder()
  if (!chosen.ok) {
    context.state().notify({ kind: 'error', text: chosen.error.message })
    return null
  }
  if (!chosen.value) return null
  saveOutput(localStorage, { ...output, folder: chosen.value.path })
  return chosen.value.path
}
