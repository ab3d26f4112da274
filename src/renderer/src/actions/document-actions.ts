import { MAX_IMPORT_BYTES } from '../../../shared/domain/limits'
import type { DocumentState } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import type { Result } from '../../../shared/ipc/errors'
import { LucidError, unwrap } from '../../../shared/ipc/errors'
import type { EditorState } from '../state/editor-store'
import type { ActionContext } from './registry'
import { register } from './registry'
import { runTask } from './run-task'

const hasDoc = (state: EditorState): boolean => state.doc !== null
const idle = (state: EditorState): boolean => state.busy === null

/** Shows a newly opened document; a failed open leaves the current one as it was. */
async function show(
  context: ActionContext,
  label: string,
  open: () => Promise<DocumentState | null>
): Promise<void> {
  const doc = await runTask(context.state, label, open)
  if (!doc) return
  const previous = context.state().doc
  context.state().setDoc(doc)
  context.state().setZoom('fit')
  if (previous) void context.api.image.close({ docId: previous.id })
}

export const openAction = register({
  name: 'open',
  label: 'Open…',
  shortcuts: [{ key: 'o', mod: true }],
  enabled: idle,
  perform: (context) => show(context, 'Opening', async () => unwrap(await context.api.image.open()))
})

/** Opens a dropped file: by path where the transport knows it, else by its bytes. */
export function openDroppedFile(context: ActionContext, file: File): Promise<void> {
  return show(context, 'Opening', () => openFile(context.api, file))
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

export const exportAction = register({
  name: 'export',
  label: 'Export…',
  shortcuts: [{ key: 'e', mod: true, shift: true }],
  enabled: (state) => hasDoc(state) && idle(state),
  perform: async ({ api, state }) => {
    const doc = state().doc
    if (!doc) return
    const result = await runTask(state, 'Exporting', async () =>
      unwrap(
        await api.image.export({
          docId: doc.id,
          format: doc.info.hasAlpha ? 'png' : 'jpeg',
          quality: 92
        })
      )
    )
    if (result)
      state().notify({
        kind: 'info',
        text: `Exported ${result.width}×${result.height} to ${result.path}`
      })
  }
})

/** Runs an edit of the open document in main and shows the state it answers with. */
async function changeDocument(
  { api, state }: ActionContext,
  label: string,
  call: (api: LucidApi, docId: string) => Promise<Result<DocumentState>>
): Promise<void> {
  const doc = state().doc
  if (!doc) return
  const next = await runTask(state, label, async () => unwrap(await call(api, doc.id)))
  if (next) state().setDoc(next)
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
  enabled: (state) => hasDoc(state) && idle(state),
  perform: (context) =>
    changeDocument(context, 'Auto levels', (api, docId) =>
      api.edit.apply({ docId, operation: { op: 'autoLevels' } })
    )
})

export const fitAction = register({
  name: 'fit',
  label: 'Fit',
  shortcuts: [{ key: '0', mod: true }],
  enabled: hasDoc,
  perform: ({ state }) => {
    state().setZoom('fit')
    return Promise.resolve()
  }
})

export const actualSizeAction = register({
  name: 'actualSize',
  label: '100%',
  shortcuts: [{ key: '1', mod: true }],
  enabled: hasDoc,
  perform: ({ state }) => {
    state().setZoom('actual')
    return Promise.resolve()
  }
})
