import type { BrowserWindow } from 'electron'
import { dialog } from 'electron'
import type { ExportFormat } from '../../shared/domain/document'
import { extensionFor } from '../engine/encode'
import type { Dialogs } from '../ipc/ports'

const openableExtensions = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'tif',
  'tiff',
  'avif',
  'heic',
  'heif',
  'gif'
]

/** The native open, save and folder dialogs, attached to the main window. */
export function nativeDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async chooseImageToOpen() {
      const parent = window()
      const options: Electron.OpenDialogOptions = {
        title: 'Open photo',
        properties: ['openFile'],
        filters: [{ name: 'Images', extensions: openableExtensions }]
      }
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseExportPath(suggestedName: string, format: ExportFormat) {
      const parent = window()
      const options: Electron.SaveDialogOptions = {
        title: 'Export photo',
        defaultPath: suggestedName,
        filters: [{ name: format.toUpperCase(), extensions: [extensionFor(format)] }],
        // The dialog asks before replacing an existing file (Linux needs asking for it).
        properties: ['showOverwriteConfirmation', 'createDirectory']
      }
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseFolder(purpose) {
      const parent = window()
      const options: Electron.OpenDialogOptions = {
        title: purpose === 'gallery' ? 'Open folder' : 'Choose output folder',
        ...(purpose === 'output' && { buttonLabel: 'Choose' }),
        properties: ['openDirectory', 'createDirectory']
      }
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
}
