import type { ExportFormat } from '../../shared/domain/document'
import type { EventName, EventPayload } from '../../shared/ipc/contract'

/**
 * What the handlers need from their host but must not take from Electron directly: the
 * native dialogs (scripted in tests) and a way to push events to the caller's window.
 */
export interface Dialogs {
  /** Asks for an image to open; null when cancelled. */
  chooseImageToOpen(): Promise<string | null>
  /** Asks where to export; null when cancelled. The dialog confirms overwriting a file. */
  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null>
  /**
   * Asks for a folder: a gallery to open, or where a batch writes its results (the dialog may
   * create one); null when cancelled.
   */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>
}

export type FolderPurpose = 'gallery' | 'output'

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface CallContext {
  /** Pushes an event to the window that made the call. */
  readonly emit: Emit
}
