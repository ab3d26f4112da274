import { LucidError } from '../../../shared/ipc/errors'
import type { EditorState } from '../state/editor-store'

export interface TaskOptions {
  /** The document whose edit job this is: progress events for it fill the job panel. */
  readonly jobDocId?: string
}

/**
 * Runs a call to main with the busy indicator on, and turns any failure into a readable notice.
 * A cancelled job is reported as information, not as an error. Returns undefined when it failed.
 */
export async function runTask<T>(
  state: () => EditorState,
  label: string,
  task: () => Promise<T>,
  options: TaskOptions = {}
): Promise<T | undefined> {
  state().setBusy({
    label,
    fraction: null,
    ...(options.jobDocId === undefined ? {} : { jobDocId: options.jobDocId })
  })
  state().notify(null)
  try {
    return await task()
  } catch (error) {
    if (error instanceof LucidError && error.code === 'CANCELLED') {
      state().notify({ kind: 'info', text: 'Cancelled' })
      return undefined
    }
    const text = error instanceof LucidError ? error.message : `${label} failed unexpectedly`
    if (!(error instanceof LucidError)) console.error(error)
    state().notify({ kind: 'error', text })
    return undefined
  } finally {
    state().setBusy(null)
  }
}
