import { MAX_IMPORT_BYTES } from '../../../shared/domain/limits'
import type { DocumentState, ExportOptions, ExportResult } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import { LucidError, unwrap } from '../../../shared/ipc/errors'
import { useView } from '../state/view-store'
import type { ActionContext } from './registry'
import { register } from './registry'
import { runTask } from './run-task'
import { applyEdit, canEdit, changeDocument, idle } from './edit-actions'

/**
 * Shows a newly opened document in the editor view; a failed open leaves the current one as
 * it was.
 */
export async function showDocument(
  context: ActionContext,
  label: string,
  open: () => Promise<DocumentState | null>
): Promise<void> {
  const doc = await runTask(context.state, label, open)
  if (!doc) return
  const previous = context.state().doc
  context.state().setDoc(doc)
  context.state().setView('editor')
  // A comparison belongs to the photo it was made on (the viewer rebinds the mask).
  useView.getState().setCompare('off')
  useView.getState().requestZoom({ kind: 'fit' })
  if (previous && previous.id !== doc.id) void context.api.image.close({ docId: previous.id })
}

export const openAction = register({
  name: 'open',
  label: 'Open…',
  shortcuts: [{ key: 'o', mod: true }],
  enabled: idle,
  perform: (context) =>
    showDocument(context, 'Opening', async () => unwrap(await context.api.image.open()))
})

/** Opens a dropped file: by path where the transport knows it, else by its bytes. */
export function openDroppedFile(context: ActionContext, file: File): Promise<void> {
  return showDocument(context, 'Opening', () => openFile(context.api, file))
}

async function openFile(api: LucidApi, file: File): Promise<DocumentState> {
  const path = api.shell.pathForFile(file)
  if (path) return unwrap(await api.image.openPath({ path }))
  if (file.size > MAX_IMPORT_BYTES) {
    throw new LucidError('IMAGE_TOO_LARGE', `${file.name} is too large to import by dropping`)
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  return unwrap(await api.image.importBytes({ name: file.name, bytes }))
}

/** Opens the export dialog; the dialog calls exportDocument with the chosen options. */
export const exportAction = register({
  name: 'export',
  label: 'Export…',
  shortcuts: [{ key: 'e', mod: true, shift: true }],
  enabled: canEdit,
  perform: ({ state }) => {
    state().setExportOpen(true)
    return Promise.resolve()
  }
})

/**
 * Exports the current result (main shows the save dialog). Resolves to the result, or null when
 * the person cancelled the save dialog or the export failed (then a notice says why).
 */
export async function exportDocument(
  { api, state }: ActionContext,
  options: ExportOptions
): Promise<ExportResult | null> {
  const doc = state().doc
  if (!doc) return null
  const result = await runTask(state, 'Exporting', async () =>
    unwrap(await api.image.export({ docId: doc.id, options }))
  )
  if (!result) return null
  state().notify({
    kind: 'info',
    text: `Exported ${result.width}×${result.height} to ${result.path}`
  })
  return result
}

export const undoAction = register({
  name: 'undo',
  label: 'Undo',
  shortcuts: [{ key: 'z', mod: true }],
  enabled: (state) => (state.doc?.canUndo ?? false) && idle(state),
  perform: (context) => changeDocument(context, 'Undoing', (api, docId) => api.edit.undo({ docId }))
})

export const redoAction = register({
  name: 'redo',
  label: 'Redo',
  shortcuts: [
    { key: 'z', mod: true, shift: true },
    { key: 'y', mod: true }
  ],
  enabled: (state) => (state.doc?.canRedo ?? false) && idle(state),
  perform: (context) => changeDocument(context, 'Redoing', (api, docId) => api.edit.redo({ docId }))
})

export const autoLevelsAction = register({
  name: 'autoLevels',
  label: 'Auto levels',
  shortcuts: [{ key: 'l', mod: true, shift: true }],
  enabled: canEdit,
  perform: (context) => applyEdit(context, { operation: { op: 'autoLevels' } })
})
