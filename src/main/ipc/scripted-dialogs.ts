import type { ExportFormat } from '../../shared/domain/document'
import type { Dialogs, FolderPurpose } from './ports'

/**
 * Dialogs answered from queues, for tests and the loopback bridge where no native dialog can be
 * shown. An empty queue answers like a cancelled dialog.
 */
export class ScriptedDialogs implements Dialogs {
  readonly openAnswers: (string | null)[] = []
  readonly exportAnswers: (string | null)[] = []
  /** Answers to folder dialogs (gallery:open and batch:chooseFolder alike), in order. */
  readonly folderAnswers: (string | null)[] = []
  /** What the last folder dialog was for, for tests to check. */
  lastFolderPurpose: FolderPurpose | undefined
  /** What the last export dialog suggested, for tests to check. */
  lastExportSuggestion: { name: string; format: ExportFormat } | undefined

  chooseImageToOpen(): Promise<string | null> {
    return Promise.resolve(this.openAnswers.shift() ?? null)
  }

  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null> {
    this.lastExportSuggestion = { name: suggestedName, format }
    return Promise.resolve(this.exportAnswers.shift() ?? null)
  }

  chooseFolder(purpose: FolderPurpose): Promise<string | null> {
    this.lastFolderPurpose = purpose
    return Promise.resolve(this.folderAnswers.shift() ?? null)
  }
}
