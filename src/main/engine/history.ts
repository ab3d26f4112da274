import type { EditOperation, Step } from '../../shared/domain/document'

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

export function push(history: History, step: Step): History {
  return { steps: [...history.steps.slice(0, history.cursor), step], cursor: history.cursor + 1 }
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

/** The operations that produce the current image, in order. */
export function appliedOperations(history: History): EditOperation[] {
  return history.steps.slice(0, history.cursor).map((step) => step.operation)
}
