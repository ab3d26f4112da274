import type { ElectronApplication } from '@playwright/test'
import { _electron as electron, test as base } from '@playwright/test'
import { join } from 'node:path'
import sharp from 'sharp'
import { channelRange, tempDir, writeLowContrastPng } from '../src/main/testing/images'
import { electronBinary } from './electron-binary'
import { EditorPage, expect } from './fixtures'

/**
 * The same skeleton flow in the real Electron app: preload, custom protocol, sandboxed
 * renderer, native menu accelerators. Native dialogs are stubbed inside the main process.
 */
const binary = electronBinary()
if ('missing' in binary && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`[electron] _electron spec skipped: ${binary.missing}.`)
}

const test = base.extend<{ app: ElectronApplication; editor: EditorPage }>({
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

test.skip('missing' in binary, 'missing' in binary ? binary.missing : '')

test('open, auto levels, undo, redo, export and drop in the Electron app', async ({
  app,
  editor
}) => {
  const dir = await tempDir('lucid-electron-files-')
  const photo = await writeLowContrastPng(dir, 'street.png', 640, 420)
  const exported = join(dir, 'street_lucid.png')

  const security = await editor.page.evaluate(() => ({
    hasApi: typeof window.lucid?.image.open === 'function',
    hasIpcRenderer: 'ipcRenderer' in (window.lucid ?? {}),
    hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
    origin: location.origin
  }))
  expect(security).toEqual({
    hasApi: true,
    hasIpcRenderer: false,
    hasRequire: false,
    origin: 'lucid://app'
  })

  await app.evaluate(
    ({ dialog }, [open, save]) => {
      dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [open] })
      dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath: save })
    },
    [photo, exported] as const
  )

  await editor.button('Open…').click()
  await editor.expectRevision(0)
  await editor.button('Auto levels').click()
  await editor.expectRevision(1)
  await editor.screenshot('1-auto-levels')

  // The native menu's accelerators drive undo and redo.
  await editor.page.keyboard.press('Control+Z')
  await editor.expectRevision(2)
  await editor.page.keyboard.press('Control+Y')
  await editor.expectRevision(3)

  await editor.button('Export…').click()
  await expect(editor.info).toContainText('street_lucid.png')
  const [red] = await channelRange(exported)
  expect(red!.min).toBeLessThanOrEqual(5)
  expect((await sharp(exported).metadata()).width).toBe(640)

  await editor.dropFile('dropped.png', await sharp(photo).png().toBuffer(), 'image/png')
  await editor.expectRevision(0)
  await expect(editor.page.getByTitle('dropped.png')).toBeVisible()
  await editor.screenshot('2-dropped')
})
