import { join } from 'node:path'
import { BrowserWindow, app, session } from 'electron'
import { APP_ORIGIN } from './protocol'

/**
 * The renderer's URL: Vite's dev server in `electron-vite dev`, else our own protocol (never
 * file://, whose pages share one origin with every file on disk).
 */
export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  return !app.isPackaged && dev ? dev : `${APP_ORIGIN}/index.html`
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#16171a',
    title: 'Lucid',
    autoHideMenuBar: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would open links in a new window; the open handler denies those anyway,
      // but without the feature the event never fires.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: !app.isPackaged
    }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererUrl())
  return window
}

/**
 * App-wide rules for every web contents: no navigation away from the app, no new windows, no
 * webviews, and no permission (camera, geolocation, notifications …) is ever granted. New
 * windows are not even handed to the system browser: Lucid has no web links, and a URL opened
 * outside would be a way for a compromised page to send data off the machine.
 */
export function hardenWebContents(trustedOrigins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!trustedOrigins.some((origin) => url.startsWith(`${origin}/`))) event.preventDefault()
    })
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  app.whenReady().then(
    () => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
        callback(false)
      )
      session.defaultSession.setPermissionCheckHandler(() => false)
    },
    () => undefined
  )
}
