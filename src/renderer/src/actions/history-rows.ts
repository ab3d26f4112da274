import type { DocumentState } from '../../../shared/domain/document'

/** Where a history row stands relative to the cursor. */
export type HistoryRowState = 'applied' | 'current' | 'redo'

export interface HistoryRow {
  /** The cursor that shows this row's result: 0 = the original. */
  readonly cursorIndex: number
  /** A step id, or 'original' (the thumbnail route's name for the photo itself). */
  readonly stepId: string
  readonly label: string
  readonly masked: boolean
  readonly state: HistoryRowState
}

/**
 * The history panel's rows: the original, then every step. The row at the cursor is current,
 * rows before it are applied and rows after it form the redo branch.
 */
export function historyRows(doc: Pick<DocumentState, 'steps' | 'cursor'>): HistoryRow[] {
  const stateOf = (cursorIndex: number): HistoryRowState =>
    cursorIndex === doc.cursor ? 'current' : cursorIndex < doc.cursor ? 'applied' : 'redo'
  return [
    { cursorIndex: 0, stepId: 'original', label: 'Original', masked: false, state: stateOf(0) },
    ...doc.steps.map((step, index) => ({
      cursorIndex: index + 1,
      stepId: step.id,
      label: step.label,
      masked: step.masked,
      state: stateOf(index + 1)
    }))
  ]
}
