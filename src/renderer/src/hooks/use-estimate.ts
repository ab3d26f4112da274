import { useEffect, useState } from 'react'
import type { Estimate } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import type { EditRequest } from '../actions/edit-actions'
import { useEditor } from '../state/editor-store'

export type EstimateState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly estimate: Estimate }
  | { readonly kind: 'error'; readonly message: string }

/** Long enough that dragging a slider asks once, at the end. */
export const ESTIMATE_DEBOUNCE_MS = 300

/**
 * Where and how long an operation would run on the open photo, asked of main a moment after
 * the parameters stop changing. Not asked while a job runs (the engine is busy and the answer
 * would not change); the last answer stays shown. `key` changes whenever the request does.
 * `deviceEpoch` changes when the device setting does, so the estimate follows it.
 */
export function useEstimate(
  api: LucidApi,
  request: EditRequest,
  key: string,
  deviceEpoch = 0
): EstimateState {
  const docId = useEditor((s) => s.doc?.id)
  const width = useEditor((s) => s.doc?.width)
  const height = useEditor((s) => s.doc?.height)
  const running = useEditor((s) => s.busy !== null)
  const [state, setState] = useState<EstimateState>({ kind: 'none' })

  useEffect(() => {
    if (docId === undefined || running) return
    let live = true
    const timer = window.setTimeout(() => {
      setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'loading' }))
      void api.engine
        .estimate({
          docId,
          operation: request.operation,
          ...(request.mask ? { mask: request.mask } : {})
        })
        .then((result) => {
          if (!live) return
          setState(
            result.ok
              ? { kind: 'ready', estimate: result.value }
              : { kind: 'error', message: result.error.message }
          )
        })
    }, ESTIMATE_DEBOUNCE_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
    // `key` stands for `request`, whose identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, docId, width, height, running, key, deviceEpoch])

  return docId === undefined ? { kind: 'none' } : state
}
