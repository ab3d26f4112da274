import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { app } from 'electron'
import { createCore, originOf } from './core'
import { nativeDialogs } from './electron/dialogs'
import { registerIpc } from './electron/ipc'
import { installMenu } from './electron/menu'
import { APP_ORIGIN, handleAppScheme, registerAppScheme } from './electron/protocol'
import { createMainWindow, hardenWebContents, rendererUrl } from './electron/window'

// The Electron shell: windows, menu, protocol and IPC registration. Everything it serves
// comes from the plain-Node core, which the tests and the loopback bridge share.

registerAppScheme()

let mainWindow: BrowserWindow | null = null
let closing = false
const currentWindow = (): BrowserWindow | null => mainWindow

const trustedOrigins = [APP_ORIGIN, originOf(rendererUrl())].filter(
  (origin): origin is string => origin !== null
)
hardenWebContents(trustedOrigins)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  void app.whenReady().then(async () => {
    const importsDir = join(app.getPath('userData'), 'imports')
    // Imports only live as long as their document; anything left is from an earlier run.
    await rm(importsDir, { recursive: true, force: true })
    const core = createCore({
      dialogs: nativeDialogs(currentWindow),
      importsDir,
      // Histories, cached step results and settings.
      dataDir: app.getPath('userData'),
      // Packaged: electron-builder's extraResources; in a checkout: resources/models.
      ...(app.isPackaged && { modelsDir: join(process.resourcesPath, 'models') }),
      // electron-vite builds the worker as its own main entry, beside index.js.
      workerPath: join(__dirname, 'inference-worker.js'),
      log: (message, error) => console.error(message, error)
    })
    app.on('will-quit', (event) => {
      if (closing) return
      // Let the histories reach the disk and the worker release its models, then quit.
      event.preventDefault()
      closing = true
      void core.close().finally(() => app.quit())
    })
    handleAppScheme(join(__dirname, '../renderer'), core.images)
    registerIpc(core.handlers, trustedOrigins)
    installMenu(currentWindow)
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => (mainWindow = null))
    app.on('activate', () => {
      mainWindow ??= createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
