import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, expect, it } from 'vitest'
import type { Core } from '../core'
import { createCore } from '../core'
import { ScriptedDialogs } from '../ipc/scripted-dialogs'
import { tempDir } from '../testing/images'

let core: Core | undefined
afterAll(() => core?.close())

it('opens a 50-megapixel photo, with a 2048 px preview and full-resolution regions', async () => {
  const dir = await tempDir()
  const path = join(dir, 'fifty.jpg')
  // A dark frame with a white 4000×3000 block whose corner is at (100, 100).
  const block = await sharp({
    create: { width: 4000, height: 3000, channels: 3, background: 'white' }
  })
    .png()
    .toBuffer()
  await sharp({ create: { width: 8660, height: 5780, channels: 3, background: '#3c2a1e' } })
    .composite([{ input: block, left: 100, top: 100 }])
    .jpeg({ quality: 90 })
    .toFile(path)
  core = createCore({
    dialogs: new ScriptedDialogs(),
    importsDir: join(dir, 'imports'),
    dataDir: join(dir, 'data')
  })
  const doc = await core.store.open(path)
  expect([doc.width, doc.height]).toEqual([8660, 5780])

  const preview = await sharp((await core.store.preview(doc.id, doc.revision)).data).metadata()
  expect([preview.width, preview.height]).toEqual([2048, 1367])

  // 1:1 detail across the block's corner: dark above and left of (100, 100), white after.
  const region = await core.store.region(
    doc.id,
    doc.revision,
    { x: 90, y: 90, width: 20, height: 20 },
    20
  )
  const { data, info } = await sharp(region.data).raw().toBuffer({ resolveWithObject: true })
  expect([info.width, info.height]).toEqual([20, 20])
  const at = (x: number, y: number): number => data[(y * 20 + x) * info.channels] ?? -1
  expect(at(2, 2)).toBeLessThan(100)
  expect(at(17, 17)).toBeGreaterThan(240)
})
