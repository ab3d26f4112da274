import { join } from 'node:path'
import sharp from 'sharp'
import { channelRange, tempDir, writeLowContrastPng } from '../src/main/testing/images'
import { expect } from './fixtures'
import { skipWithoutElectron, stubDialogs, test } from './electron-fixtures'

/** The skeleton flow in the real Electron app. */
skipWithoutElectron()

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

  await stubDialogs(app, { open: photo, save: exported })

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

  await editor.exportThroughDialog()
  await expect(editor.info).toContainText('street_lucid.png')
  const [red] = await channelRange(exported)
  expect(red!.min).toBeLessThanOrEqual(5)
  expect((await sharp(exported).metadata()).width).toBe(640)

  await editor.dropFile('dropped.png', await sharp(photo).png().toBuffer(), 'image/png')
  await editor.expectRevision(0)
  await expect(editor.page.getByTitle('dropped.png')).toBeVisible()
  await editor.screenshot('2-dropped')
})
