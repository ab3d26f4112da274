import { LucidError } from '../../../shared/ipc/errors'
import type { EditorState } from '../state/editor-store'

/**
 * Runs a call to main with the busy indicator on, and turns any failure into a readable notice.
 * Returns undefined when it failed.
 */
export async function runTask<T>(
  state: () => EditorState,
  label: string,
  task: () => Promise<T>
): Promise<T | undefined> {
  state().setBusy({ label, fraction: null })
  state().notify(null)
  try {
    return await task()
  } catch (error) {
    const text = error instanceof LucidError ? error.message : `${label} failed unexpectedly`
    if (!(error instanceof LucidError)) console.error(error)
    state().notify({ kind: 'error', text })
    return undefined
  } finally {
    state().setBusy(null)
  }
}
