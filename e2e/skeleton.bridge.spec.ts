import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import {
  channelRange,
  pngBomb,
  psnr,
  truncatedJpeg,
  writeLowContrastPng
} from '../src/main/testing/images'
import { expect, test } from './fixtures'

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

test('open, auto levels, undo, redo and export through the real handlers', async ({
  editor,
  dialogs,
  workDir
}) => {
  const photo = await writeLowContrastPng(workDir, 'holiday.png', 640, 420)
  const originalHash = await sha256(photo)

  dialogs.openAnswers.push(photo)
  await editor.button('Open…').click()
  await editor.expectRevision(0)
  await expect(editor.page.getByText('640 × 420')).toBeVisible()
  await expect(editor.historySteps).toHaveCount(0)
  await editor.screenshot('1-opened')

  await editor.button('Auto levels').click()
  await editor.expectRevision(1)
  await expect(editor.historySteps).toHaveText(['Auto levels'])
  await expect(editor.historySteps.first()).toHaveAttribute('data-applied', 'true')
  await editor.screenshot('2-auto-levels')

  await editor.button('Undo').click()
  await editor.expectRevision(2)
  await expect(editor.historySteps.first()).toHaveAttribute('data-applied', 'false')
  await expect(editor.button('Undo')).toBeDisabled()

  // Exported after undo: the original pixels.
  const undonePath = join(workDir, 'undone.png')
  dialogs.exportAnswers.push(undonePath)
  await editor.exportThroughDialog()
  await expect(editor.info).toContainText('Exported 640×420')
  expect(await psnr(undonePath, photo)).toBe(Infinity)

  // Redo from the keyboard (the browser build handles shortcuts itself).
  await editor.page.keyboard.press('Control+Shift+Z')
  await editor.expectRevision(3)
  await expect(editor.historySteps.first()).toHaveAttribute('data-applied', 'true')

  const resultPath = join(workDir, 'holiday_lucid.png')
  dialogs.exportAnswers.push(resultPath)
  await editor.page.keyboard.press('Control+Shift+E')
  await editor.exportThroughDialog({ open: false })
  await expect(editor.info).toContainText('holiday_lucid.png')
  expect(dialogs.lastExportSuggestion).toEqual({ name: 'holiday_lucid.jpg', format: 'jpeg' })

  // The exported pixels carry the stretch: luminance now spans black to white.
  const meta = await sharp(resultPath).metadata()
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 640, 420])
  const [red, green] = await channelRange(resultPath)
  expect(red!.min).toBeLessThanOrEqual(5)
  expect(green!.max).toBeGreaterThanOrEqual(245)
  expect(await psnr(resultPath, photo)).toBeLessThan(25)

  await editor.page.keyboard.press('Control+Z')
  await editor.expectRevision(4)
  await editor.screenshot('3-exported-then-undone')
  expect(await sha256(photo), 'the original is never written').toBe(originalHash)
})

test('a photo dropped on the window opens', async ({ editor, workDir }) => {
  const photo = await writeLowContrastPng(workDir, 'dropped.png', 320, 200)
  await editor.dropFile('beach.png', await readFile(photo), 'image/png')
  await editor.expectRevision(0)
  await expect(editor.page.getByTitle('beach.png')).toBeVisible()
  await expect(editor.page.getByText('320 × 200')).toBeVisible()
  await editor.button('Auto levels').click()
  await editor.expectRevision(1)
  await editor.screenshot('dropped')
})

test('bad files give a clear message and change nothing', async ({ editor, dialogs, workDir }) => {
  const photo = await writeLowContrastPng(workDir, 'keep.png', 320, 200)
  dialogs.openAnswers.push(photo)
  await editor.button('Open…').click()
  await editor.button('Auto levels').click()
  await editor.expectRevision(1)
  const src = await editor.photo.getAttribute('src')

  const cases: [string, Buffer, RegExp][] = [
    ['broken.jpg', await truncatedJpeg(), /could not be decoded/],
    ['notes.png', Buffer.from('definitely not a picture'), /not an image Lucid can open/],
    ['bomb.png', pngBomb(), /3600 MP.*opens up to 200 MP/]
  ]
  for (const [name, bytes, message] of cases) {
    await editor.dropFile(name, bytes)
    await expect(editor.error).toContainText(message)
    await expect(editor.photo).toHaveAttribute('src', src!)
    await expect(editor.historySteps).toHaveText(['Auto levels'])
  }
  await editor.screenshot('bad-input')

  // A cancelled dialog is not an error.
  await editor.button('Open…').click()
  await expect(editor.error).toBeHidden()
  await expect(editor.photo).toHaveAttribute('src', src!)
})

test('a malformed call from the page gets a typed error', async ({ editor, bridge }) => {
  const answer = await editor.page.evaluate(async (token) => {
    const response = await fetch('/ipc/edit:apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lucid-token': token },
      body: JSON.stringify({ request: { docId: '../../etc/passwd', operation: { op: 'rm -rf' } } })
    })
    return response.json() as Promise<unknown>
  }, bridge.token)
  expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
})
