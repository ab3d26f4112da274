import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import { truncatedJpeg } from '../src/main/testing/images'
import { expect, test } from './fixtures'

/** Batches run real models on this CPU: allow for a slow machine. */
const BATCH_TIMEOUT = 150_000

const SOURCES = [
  'maxim-deblurring/assets/fixture.png',
  'maxim-enhancement/assets/fixture.png',
  'maxim-denoising/assets/fixture.png',
  'esrgan-slim/assets/fixture.png'
]

/** A trip folder: four small real photos and one truncated JPEG. */
async function writeTrip(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true })
  for (const [i, source] of SOURCES.entries()) {
    await sharp(resolve('node_modules/@upscalerjs', source))
      .removeAlpha()
      .resize(120, 90, { fit: 'cover' })
      .jpeg({ quality: 92 })
      .toFile(join(folder, `photo_${i + 1}.jpg`))
  }
  await writeFile(join(folder, 'broken.jpg'), await truncatedJpeg())
}

/** Every file in a folder decodes completely, and none is a temporary leftover. */
async function expectOnlyWholeImages(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).sort()
  for (const name of names) {
    expect(name, 'no temporary file left behind').toMatch(/^photo_\d_lucid\.jpg$/)
    const { info } = await sharp(join(folder, name), { failOn: 'truncated' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    expect(info.width).toBeGreaterThan(0)
  }
  return names
}

async function startBatch(page: Page, recipe: string): Promise<void> {
  await page.getByTestId('batch-open').click()
  await expect(page.getByTestId('batch-dialog')).toBeVisible()
  await page.getByTestId('batch-recipe').fill(recipe)
  await page.getByTestId('batch-choose-folder').click()
  await expect(page.getByTestId('batch-folder')).not.toBeEmpty()
  await page.getByTestId('batch-start').click()
  await expect(page.getByTestId('batch-panel')).toBeVisible()
}

/** Drops files on the Enhance target, as a person's drag from the file manager does. */
async function dropOnEnhance(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer()
      for (const { name, base64 } of list) {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([data], name, { type: 'image/jpeg' }))
      }
      return transfer
    },
    files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') }))
  )
  await page.getByTestId('gallery').dispatchEvent('dragenter', { dataTransfer })
  const target = page.getByTestId('enhance-target')
  await expect(target).toBeVisible()
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}

test('gallery: open a folder, batch with a corrupt photo, cancel mid-batch, drop to enhance', async ({
  editor,
  dialogs,
  workDir
}) => {
  test.setTimeout(4 * BATCH_TIMEOUT)
  const page = editor.page
  const trip = join(workDir, 'trip')
  await writeTrip(trip)
  const originals = await Promise.all(
    SOURCES.map((_, i) => readFile(join(trip, `photo_${i + 1}.jpg`)))
  )

  dialogs.folderAnswers.push(trip)
  await page.getByTestId('gallery-open').click()
  const items = page.getByTestId('gallery-item')
  await expect(items).toHaveCount(5)
  await expect(page.getByTestId('gallery-thumb')).toHaveCount(4)
  await expect(page.getByTestId('gallery-thumb-error')).toHaveCount(1)
  await editor.screenshot('gallery-1-opened')

  // Click the first, Shift+click the last: all five selected.
  await items.first().click()
  await items.last().click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('gallery-selected')).toContainText('5 selected')

  // A batch over all five: the corrupt photo fails alone, with its reason.
  const out = join(workDir, 'out')
  dialogs.folderAnswers.push(out)
  await startBatch(page, 'upscale:2:fast')
  const panel = page.getByTestId('batch-panel')
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: BATCH_TIMEOUT })
  await expect(page.getByTestId('batch-summary')).toContainText('4 written, 1 failed')
  await expect(page.getByTestId('batch-failure')).toHaveCount(1)
  await expect(page.getByTestId('batch-failure')).toContainText('broken.jpg')
  await editor.screenshot('gallery-2-batch-done')
  const written = await expectOnlyWholeImages(out)
  expect(written).toEqual([
    'photo_1_lucid.jpg',
    'photo_2_lucid.jpg',
    'photo_3_lucid.jpg',
    'photo_4_lucid.jpg'
  ])
  for (const name of written) {
    expect((await sharp(join(out, name)).metadata()).width).toBe(240)
  }
  await page.getByTestId('batch-dismiss').click()

  // Cancelled once a photo is written (the corrupt one, first by name, fails at once, so
  // "2 of 5" is the first photo written): what was written is whole, nothing else is left.
  const cancelled = join(workDir, 'cancelled')
  dialogs.folderAnswers.push(cancelled)
  await startBatch(page, 'denoise:0.5')
  await expect(page.getByTestId('batch-count')).toContainText(/^[2-4] of 5/, {
    timeout: BATCH_TIMEOUT
  })
  await page.getByTestId('batch-cancel').click()
  await expect(panel).toHaveAttribute('data-state', 'cancelled', { timeout: BATCH_TIMEOUT })
  await expect(page.getByTestId('batch-summary')).toContainText('not run')
  const kept = await expectOnlyWholeImages(cancelled)
  expect(kept.length).toBeGreaterThan(0)
  expect(kept.length).toBeLessThan(4)
  await editor.screenshot('gallery-3-cancelled')
  await page.getByTestId('batch-dismiss').click()

  // Two photos dropped on Enhance: the current recipe, written to the batch folder, no dialog.
  const enhanced = cancelled
  const before = new Set(await readdir(enhanced))
  await dropOnEnhance(page, [
    { name: 'photo_1.jpg', bytes: originals[0]! },
    { name: 'photo_4.jpg', bytes: originals[3]! }
  ])
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: BATCH_TIMEOUT })
  // Names already taken by the cancelled batch get a unique suffix.
  const after = (await readdir(enhanced)).filter((name) => !before.has(name)).sort()
  expect(after).toHaveLength(2)
  expect(after[0]).toMatch(/^photo_1_lucid.*\.jpg$/)
  expect(after[1]).toMatch(/^photo_4_lucid.*\.jpg$/)
  await editor.screenshot('gallery-4-enhanced')

  // The originals were never written.
  for (const [i, bytes] of originals.entries()) {
    expect((await readFile(join(trip, `photo_${i + 1}.jpg`))).equals(bytes)).toBe(true)
  }
})

test('a folder of 5,000 photos opens as a virtualized grid that scrolls to the end', async ({
  editor,
  dialogs,
  workDir
}) => {
  test.setTimeout(BATCH_TIMEOUT)
  const page = editor.page
  const folder = join(workDir, 'many')
  await mkdir(folder)
  const tiny = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#468' } })
    .jpeg()
    .toBuffer()
  for (let i = 0; i < 5000; i += 250) {
    await Promise.all(
      Array.from({ length: 250 }, (_, j) =>
        writeFile(join(folder, `IMG_${String(i + j + 1).padStart(4, '0')}.jpg`), tiny)
      )
    )
  }
  dialogs.folderAnswers.push(folder)
  await page.getByTestId('gallery-open').click()
  await expect(page.getByTestId('gallery-count')).toContainText('5000 photos')
  // Only the rows on screen (and a few more) are in the page.
  const rendered = await page.getByTestId('gallery-item').count()
  expect(rendered).toBeGreaterThan(0)
  expect(rendered).toBeLessThan(300)
  await page.getByTestId('gallery-grid').evaluate((grid) => (grid.scrollTop = grid.scrollHeight))
  await expect(page.locator('[data-testid="gallery-item"][title="IMG_5000.jpg"]')).toBeVisible()
  expect(await page.getByTestId('gallery-item').count()).toBeLessThan(300)
  // Filtering narrows the grid to the matching names.
  await page.getByTestId('gallery-filter').fill('IMG_42')
  await expect(page.getByTestId('gallery-count')).toContainText('100 of 5000 photos') // IMG_4200 … IMG_4299
  // The items on screen get their thumbnails first, ahead of the other 4,900.
  await expect(page.getByTestId('gallery-thumb').first()).toBeVisible({ timeout: 30_000 })
  await expect(
    page.locator('[data-testid="gallery-item"][title="IMG_4299.jpg"] [data-testid="gallery-thumb"]')
  ).toBeVisible({ timeout: 30_000 })
  await editor.screenshot('gallery-5-five-thousand')
})

test('the keyboard moves through the grid: arrows, Shift ranges, End scrolls, Enter opens', async ({
  editor,
  dialogs,
  workDir
}) => {
  const page = editor.page
  const folder = join(workDir, 'keys')
  await mkdir(folder)
  const tiny = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#864' } })
    .jpeg()
    .toBuffer()
  await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      writeFile(join(folder, `K_${String(i + 1).padStart(3, '0')}.jpg`), tiny)
    )
  )
  dialogs.folderAnswers.push(folder)
  await page.getByTestId('gallery-open').click()
  await expect(page.getByTestId('gallery-count')).toContainText('300 photos')
  const grid = page.getByTestId('gallery-grid')
  const selected = page.locator('[data-testid="gallery-item"][data-selected="true"]')
  const item = (name: string) => page.locator(`[data-testid="gallery-item"][title="${name}"]`)

  await grid.focus()
  await page.keyboard.press('ArrowDown') // nothing focused yet: lands on the first photo
  await expect(selected).toHaveAttribute('title', 'K_001.jpg')
  await page.keyboard.press('ArrowRight')
  await expect(selected).toHaveAttribute('title', 'K_002.jpg')
  await expect(grid).toHaveAttribute('aria-activedescendant', /.+/)

  // Down keeps the column: the photo one row below is `columns` further on.
  await page.keyboard.press('ArrowDown')
  const below = Number(/K_(\d+)/.exec((await selected.getAttribute('title')) ?? '')?.[1])
  const columns = below - 2
  expect(columns).toBeGreaterThan(1)
  await page.keyboard.press('ArrowUp')
  await expect(selected).toHaveAttribute('title', 'K_002.jpg')
  // Shift extends from the anchor (K_002) to the photo moved to, and shrinks moving back.
  await page.keyboard.press('Shift+ArrowDown')
  await expect(selected).toHaveCount(columns + 1)
  await page.keyboard.press('Shift+ArrowDown')
  await expect(selected).toHaveCount(2 * columns + 1)
  await page.keyboard.press('Shift+ArrowUp')
  await expect(selected).toHaveCount(columns + 1)
  await expect(page.getByTestId('gallery-selected')).toContainText(`${columns + 1} selected`)

  // End scrolls the virtualized grid to the last photo; Home back to the first.
  await page.keyboard.press('End')
  await expect(item('K_300.jpg')).toBeInViewport()
  await expect(selected).toHaveAttribute('title', 'K_300.jpg')
  await expect(item('K_001.jpg')).toHaveCount(0) // scrolled out of the rendered rows
  await page.keyboard.press('Home')
  await expect(item('K_001.jpg')).toBeInViewport()
  await page.keyboard.press('PageDown')
  const paged = Number(/K_(\d+)/.exec((await selected.getAttribute('title')) ?? '')?.[1])
  expect(paged).toBeGreaterThan(columns)
  await expect(item(`K_${String(paged).padStart(3, '0')}.jpg`)).toBeInViewport()
  await editor.screenshot('gallery-6-keyboard')

  // Enter opens the focused photo in the editor.
  await page.keyboard.press('Home')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('viewer')).toBeVisible()
  await expect(page.getByText('Drop a photo here')).toHaveCount(0)
})
