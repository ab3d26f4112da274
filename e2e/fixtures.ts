import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page, TestInfo } from '@playwright/test'
import { test as base, expect } from '@playwright/test'
import type { Bridge } from '../src/main/bridge/server'
import { startBridge } from '../src/main/bridge/server'
import { createCore } from '../src/main/core'
import { ScriptedDialogs } from '../src/main/ipc/scripted-dialogs'
import { tempDir } from '../src/main/testing/images'

/** Where screenshots of each state are kept as CI artifacts. */
export const ARTIFACTS = join(process.cwd(), 'test-results', 'artifacts')

/**
 * The editor as a person sees it: buttons by their labels, the photo, the history, the
 * notices. Specs talk to this, not to selectors.
 */
export class EditorPage {
  constructor(
    readonly page: Page,
    private readonly testInfo: TestInfo
  ) {}

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  get photo(): Locator {
    return this.page.getByTestId('photo')
  }

  get historySteps(): Locator {
    return this.page.getByTestId('history-step')
  }

  get error(): Locator {
    return this.page.getByTestId('notice-error')
  }

  get info(): Locator {
    return this.page.getByTestId('notice-info')
  }

  /**
   * Waits until the photo shows the given revision and has decoded; `timeout` for revisions a
   * model job produces (seconds on this CPU).
   */
  async expectRevision(revision: number, timeout?: number): Promise<void> {
    await expect(this.photo).toHaveAttribute('data-revision', String(revision), { timeout })
    await expect
      .poll(() =>
        this.photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
      )
      .toBe(true)
  }

  /** Drops a file onto the window the way a person's drag and drop does. */
  async dropFile(name: string, bytes: Buffer, type = 'application/octet-stream'): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, base64, type }) => {
        const binary = atob(base64)
        const data = Uint8Array.from(binary, (c) => c.charCodeAt(0))
        const transfer = new DataTransfer()
        transfer.items.add(new File([data], name, { type }))
        return transfer
      },
      { name, base64: bytes.toString('base64'), type }
    )
    const viewer = this.page.getByTestId('viewer')
    await viewer.dispatchEvent('dragenter', { dataTransfer })
    await expect(this.page.getByTestId('drop-overlay')).toBeVisible()
    await viewer.dispatchEvent('dragover', { dataTransfer })
    await viewer.dispatchEvent('drop', { dataTransfer })
  }

  /**
   * Exports through the export dialog (already open, or opened with the toolbar button):
   * optional format and metadata choices, Export, wait for the result, close the dialog. The
   * spec answers the save dialog itself beforehand.
   */
  async exportThroughDialog(
    options: { format?: string; keepMetadata?: boolean; open?: boolean } = {}
  ): Promise<void> {
    const page = this.page
    if (options.open !== false) await page.getByTestId('export-open').click()
    await expect(page.getByTestId('export-dialog')).toBeVisible()
    if (options.format) await page.getByTestId('export-format').selectOption(options.format)
    if (options.keepMetadata !== undefined) {
      await page.getByTestId('export-metadata').setChecked(options.keepMetadata)
    }
    await page.getByTestId('export-submit').click()
    await expect(
      page.getByTestId('export-result').or(page.getByTestId('export-error'))
    ).toBeVisible()
    await page.getByTestId('export-close').click()
    await expect(page.getByTestId('export-dialog')).toBeHidden()
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(ARTIFACTS, { recursive: true })
    const path = join(ARTIFACTS, `${this.testInfo.project.name}-${name}.png`)
    await this.page.screenshot({ path })
    await this.testInfo.attach(name, { path, contentType: 'image/png' })
  }
}

interface Fixtures {
  workDir: string
  dialogs: ScriptedDialogs
  bridge: Bridge
  editor: EditorPage
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The real renderer (bridge build) in Debian's Chromium against the real main-process
 * handlers, served by the loopback bridge; native dialogs are scripted. Console errors and
 * page errors fail the test.
 */
export const test = base.extend<Fixtures>({
  browserName: 'chromium',
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update'
    ]
  },
  viewport: { width: 1280, height: 800 },

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  workDir: async ({}, use) => {
    await use(await tempDir('lucid-e2e-'))
  },

  // eslint-disable-next-line no-empty-pattern
  dialogs: async ({}, use) => {
    await use(new ScriptedDialogs())
  },

  bridge: async ({ dialogs, workDir }, use) => {
    const core = createCore({
      dialogs,
      importsDir: join(workDir, 'imports'),
      dataDir: join(workDir, 'data'),
      // The worker that `npm run build` bundles beside the app's main process.
      workerPath: join(process.cwd(), 'out', 'main', 'inference-worker.js')
    })
    const bridge = await startBridge({
      handlers: core.handlers,
      store: core.images,
      staticRoot: join(process.cwd(), 'out', 'renderer-bridge'),
      log: (message, error) => console.error(message, error)
    })
    await use(bridge)
    await bridge.close()
    await core.close()
  },

  editor: async ({ page, bridge }, use, testInfo) => {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`)
    })
    // Nothing leaves the machine: every request the page makes goes to its own loopback bridge
    // (or is an in-page blob:/data: URL).
    const bridgeOrigin = new URL(bridge.pageUrl).origin
    const leaving: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.protocol === 'blob:' || url.protocol === 'data:') return
      if (url.origin !== bridgeOrigin) leaving.push(request.url())
    })
    await page.goto(bridge.pageUrl)
    await expect(page.getByText('Drop a photo here')).toBeVisible()
    await use(new EditorPage(page, testInfo))
    expect(problems, 'the page logged errors').toEqual([])
    expect(leaving, 'requests that would leave the machine').toEqual([])
    expect(new URL(bridgeOrigin).hostname).toBe('127.0.0.1')
  }
})

export { expect }
