import type { DocumentState, EditOperationInput } from '../../../shared/domain/document'
import type { Mask } from '../../../shared/domain/mask'
import type { DeblurQuality } from '../../../shared/domain/restoration'
import { isEmptyMask } from '../../../shared/domain/mask'
import type { LucidApi } from '../../../shared/ipc/api'
import type { Result } from '../../../shared/ipc/errors'
import { unwrap } from '../../../shared/ipc/errors'
import type { EditorState } from '../state/editor-store'
import type { ActionContext } from './registry'
import { register } from './registry'
import { runTask } from './run-task'

/** An operation as edit:apply and engine:estimate take it. */
export interface EditRequest {
  readonly operation: EditOperationInput
  readonly mask?: Mask
}

export type DeblurScope = 'region' | 'whole'

export const hasDoc = (state: EditorState): boolean => state.doc !== null
export const idle = (state: EditorState): boolean => state.busy === null
/** Whether a new edit may start: a photo is open and nothing else runs. */
export const canEdit = (state: EditorState): boolean => hasDoc(state) && idle(state)

/** The painted region only when one is painted; otherwise the whole photo. */
export function effectiveScope(scope: DeblurScope, mask: Mask): DeblurScope {
  return scope === 'region' && !isEmptyMask(mask) ? 'region' : 'whole'
}

/** The deblur panel's parameters besides its scope. */
export interface DeblurSettings {
  readonly strength: number
  readonly quality: DeblurQuality
}

export function deblurRequest(
  scope: DeblurScope,
  mask: Mask,
  { strength, quality }: DeblurSettings
): EditRequest {
  const operation = { op: 'deblur', strength, quality } as const
  return effectiveScope(scope, mask) === 'region' ? { operation, mask } : { operation }
}

/** What the busy indicator calls a running operation. */
export function operationLabel(operation: EditOperationInput): string {
  switch (operation.op) {
    case 'autoLevels':
      return 'Auto levels'
    case 'deblur':
      return 'Deblur'
    case 'lowlight':
      return 'Low-light'
    case 'upscale':
      return `Upscale ×${operation.scale}`
    case 'denoise':
      return 'Denoise'
  }
}

/** Runs an edit of the open document in main and shows the state it answers with. */
export async function changeDocument(
  { api, state }: ActionContext,
  label: string,
  call: (api: LucidApi, docId: string) => Promise<Result<DocumentState>>,
  asJob = false
): Promise<void> {
  const doc = state().doc
  if (!doc) return
  const next = await runTask(
    state,
    label,
    async () => unwrap(await call(api, doc.id)),
    asJob ? { jobDocId: doc.id } : {}
  )
  if (next) state().setDoc(next)
}

/** Applies an operation as a new step: a job with progress that the person can cancel. */
export function applyEdit(context: ActionContext, request: EditRequest): Promise<void> {
  return changeDocument(
    context,
    operationLabel(request.operation),
    (api, docId) =>
      api.edit.apply({
        docId,
        operation: request.operation,
        ...(request.mask ? { mask: request.mask } : {})
      }),
    true
  )
}

/** Moves the document to a history row (0 = the original). */
export function jumpTo(context: ActionContext, cursor: number): Promise<void> {
  const doc = context.state().doc
  if (!doc || doc.cursor === cursor) return Promise.resolve()
  return changeDocument(context, 'Going to step', (api, docId) =>
    api.edit.jumpTo({ docId, cursor })
  )
}

export const cancelJobAction = register({
  name: 'cancelJob',
  label: 'Cancel',
  shortcuts: [{ key: 'Escape' }],
  enabled: (state) => state.busy?.jobDocId !== undefined && state.job?.cancellable !== false,
  perform: async ({ api, state }) => {
    const docId = state().busy?.jobDocId
    if (docId === undefined) return
    // The running edit:apply answers CANCELLED, which runTask reports as "Cancelled".
    const result = await api.edit.cancel({ docId })
    if (!result.ok) state().notify({ kind: 'error', text: result.error.message })
  }
})
