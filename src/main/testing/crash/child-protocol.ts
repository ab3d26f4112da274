import type { ExportOptions } from '../../../shared/domain/document'

/** What the crash child is told to do (its one argument, as JSON). */
export type ChildConfig = {
  readonly dataDir: string
  readonly importsDir: string
  readonly photo: string
} & (
  | {
      readonly mode: 'export'
      /** Exported to in turn; `{i}` becomes the export's number (a new file each time). */
      readonly targets: readonly string[]
      readonly options: ExportOptions
      /** How many exports before a clean exit; default: until killed. */
      readonly exports?: number
    }
  | {
      readonly mode: 'autosave'
      /** Seeds the choice of edits, so a failing run can be replayed. */
      readonly seed: number
    }
)

/** One line the child writes on stdout. Times are Date.now() in the child. */
export type ChildReport =
  /** The photo is open; in autosave mode, with the history it reopened with. */
  | {
      readonly type: 'ready'
      readonly t: number
      readonly ids?: readonly string[]
      readonly cursor?: number
    }
  | { readonly type: 'exporting'; readonly target: string; readonly t: number }
  | { readonly type: 'exported'; readonly target: string; readonly t: number }
  /** Said before an edit starts: the cursor it will leave (for a new step, a new last step). */
  | {
      readonly type: 'next'
      readonly action: 'apply' | 'undo' | 'redo' | 'jump'
      readonly cursor: number
    }
  /** Said once an edit is committed: the history as the document service now has it. */
  | {
      readonly type: 'state'
      readonly t: number
      readonly ids: readonly string[]
      readonly cursor: number
    }
