import type { ElectronApplication } from '@playwright/test'
import { _electron as electron, test as base } from '@playwright/test'
import { join } from 'node:path'
import { tempDir } from '../src/main/testing/images'
import { electronBinary } from './electron-binary'
import { EditorPage, expect } from './fixtures'

/**
 * The real Electron app (out/main/index.js) for the _electron specs: preload, custom protocol,
 * sandboxed renderer, native menu accelerators. Skips with one line where the Electron binary
 * is absent (offline installs).
 */
const binary = electronBinary()
if ('missing' in binary && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[electron] _electron spec skipped: ${binary.missing}.`)
}

export const test = base.extend<{ app: ElectronApplication; editor: EditorPage }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    if (!('path' in binary)) throw new Error('unreachable: skipped above')
    const userData = await tempDir('lucid-electron-')
    const app = await electron.launch({
      executablePath: binary.path,
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        `--user-data-dir=${userData}`,
        join(process.cwd(), 'out', 'main', 'index.js')
      ]
    })
    await use(app)
    await app.close()
  },
  editor: async ({ app }, use, testInfo) => {
    const page = await app.firstWindow()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await expect(page.getByText('Drop a photo here')).toBeVisible()
    await use(new EditorPage(page, testInfo))
    expect(problems, 'the window logged errors').toEqual([])
  }
})

/** Call at the top of each _electron spec file. */
export function skipWithoutElectron(): void {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '')
}

/** Makes the app's next open and save dialogs answer with these paths. */
export async function stubDialogs(
  app: ElectronApplication,
  answers: { open?: string; save?: string }
): Promise<void> {
  await app.evaluate(({ dialog }, { open, save }) => {
    if (open) dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [open] })
    if (save) dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath: save })
  }, answers)
}
