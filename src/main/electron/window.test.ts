import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void
const electron = vi.hoisted(() => ({
  windowOptions: null as { webPreferences: Record<string, unknown> } | null,
  appListeners: new Map<string, Listener>(),
  permissionHandler: undefined as
    ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined,
  permissionCheck: undefined as (() => boolean) | undefined
}))

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    on: (event: string, listener: Listener) => electron.appListeners.set(event, listener),
    whenReady: () => Promise.resolve()
  },
  BrowserWindow: class {
    constructor(options: { webPreferences: Record<string, unknown> }) {
      electron.windowOptions = options
    }
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve()
    }
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof electron.permissionHandler) =>
        (electron.permissionHandler = handler),
      setPermissionCheckHandler: (handler: typeof electron.permissionCheck) =>
        (electron.permissionCheck = handler)
    }
  }
}))

const { createMainWindow, hardenWebContents, rendererUrl } = await import('./window')

/** A stand-in for a WebContents that records the guards installed on it. */
function fakeContents(): {
  on: (event: string, listener: Listener) => void
  setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => void
  listeners: Map<string, Listener>
  openHandler: ((details: { url: string }) => { action: string }) | undefined
} {
  const contents = {
    listeners: new Map<string, Listener>(),
    openHandler: undefined as ((details: { url: string }) => { action: string }) | undefined,
    on: (event: string, listener: Listener) => contents.listeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) =>
      (contents.openHandler = handler)
  }
  return contents
}

function navigate(contents: ReturnType<typeof fakeContents>, event: string, url: string): boolean {
  let prevented = false
  contents.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url)
  return prevented
}

describe('the main window', () => {
  it('loads the app from lucid://, never file://, when packaged', () => {
    expect(rendererUrl()).toBe('lucid://app/index.html')
  })

  it('is created with the security defaults', () => {
    createMainWindow()
    const webPreferences = electron.windowOptions?.webPreferences ?? {}
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false
    })
    expect(String(webPreferences.preload)).toMatch(/preload[\\/]index\.js$/)
  })
})

describe('hardenWebContents', () => {
  let contents: ReturnType<typeof fakeContents>

  beforeEach(async () => {
    hardenWebContents(['lucid://app'])
    contents = fakeContents()
    electron.appListeners.get('web-contents-created')?.({}, contents)
    await Promise.resolve()
  })

  it('allows navigation within the app only', () => {
    expect(navigate(contents, 'will-navigate', 'lucid://app/index.html')).toBe(false)
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'lucid://apps.evil/')).toBe(true)
    expect(navigate(contents, 'will-redirect', 'lucid://app/index.html')).toBe(true)
  })

  it('refuses webviews and every new window', () => {
    expect(navigate(contents, 'will-attach-webview', '')).toBe(true)
    expect(contents.openHandler?.({ url: 'lucid://app/index.html' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'https://example.org/help' })).toEqual({ action: 'deny' })
  })

  it('grants no permission', () => {
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      electron.permissionHandler?.({}, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false])
    expect(electron.permissionCheck?.()).toBe(false)
  })
})
