import type { Step } from '../../shared/domain/document'
import { LucidError } from '../../shared/ipc/errors'

/**
 * A document's edit history: an ordered list of command records and a cursor. Steps before
 * the cursor are applied; steps after it are the redo branch, dropped by the next new step.
 * Immutable: every change returns a new History.
 */
export interface History {
  readonly steps: readonly Step[]
  readonly cursor: number
}

export const emptyHistory: History = { steps: [], cursor: 0 }

/** Adds a step at the cursor, dropping the redo branch. */
export function push(history: History, step: Step): History {
  return { steps: [...history.steps.slice(0, history.cursor), step], cursor: history.cursor + 1 }
}

/** The steps the next push would drop (the redo branch). */
export function redoBranch(history: History): readonly Step[] {
  return history.steps.slice(history.cursor)
}

export function canUndo(history: History): boolean {
  return history.cursor > 0
}

export function canRedo(history: History): boolean {
  return history.cursor < history.steps.length
}

/** One step back; unchanged when there is nothing to undo. */
export function undo(history: History): History {
  return canUndo(history) ? { ...history, cursor: history.cursor - 1 } : history
}

/** One step forward; unchanged when there is nothing to redo. */
export function redo(history: History): History {
  return canRedo(history) ? { ...history, cursor: history.cursor + 1 } : history
}

/**
 * Moves the cursor: 0 = the original, steps.length = the last step.
 *
 * @throws LucidError INVALID_ARGUMENT when the cursor is past the last step
 */
export function jumpTo(history: History, cursor: number): History {
  if (cursor > history.steps.length) {
    throw new LucidError(
      'INVALID_ARGUMENT',
      `Expected a cursor between 0 and ${history.steps.length} but received ${cursor}`
    )
  }
  return cursor === history.cursor ? history : { ...history, cursor }
}
