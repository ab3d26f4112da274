import type { ExportFormat } from '../../shared/domain/document'
import type { Dialogs } from './ports'

/**
 * Dialogs answered from queues, for tests and the loopback bridge where no native dialog can be
 * shown. An empty queue answers like a cancelled dialog.
 */
export class ScriptedDialogs implements Dialogs {
  readonly openAnswers: (string | null)[] = []
  readonly exportAnswers: (string | null)[] = []
  /** What the last export dialog suggested, for tests to check. */
  lastExportSuggestion: { name: string; format: ExportFormat } | undefined

  chooseImageToOpen(): Promise<string | null> {
    return Promise.resolve(this.openAnswers.shift() ?? null)
  }

  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null> {
    this.lastExportSuggestion = { name: suggestedName, format }
    return Promise.resolve(this.exportAnswers.shift() ?? null)
  }
}
