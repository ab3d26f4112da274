import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ThumbnailReadyEvent } from '../../shared/domain/gallery'
import { GalleryStateSchema } from '../../shared/domain/gallery'
import { HistoryStore } from '../editor/history-store'
import { cameraJpeg, tempDir, truncatedJpeg, writeLowContrastPng } from '../testing/images'
import { GalleryService } from './gallery-service'
import { makeThumbnail } from './make-thumbnail'
import { ThumbnailCache } from './thumbnail-cache'

const step = {
  id: '00000000-0000-4000-8000-00000000000a',
  label: 'Auto levels',
  operation: { op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 },
  masked: false,
  createdAt: 1,
  width: 96,
  height: 64
} as const

/** Gives `path` a saved history of one step, the way the editor does. */
async function saveHistory(store: HistoryStore, path: string): Promise<void> {
  const { key, source } = await HistoryStore.identify(path)
  store.schedule(key, source, () => ({ steps: [step], cursor: 1 }))
  await store.flush()
}

async function setUp(options: { prefetch?: boolean; make?: (path: string) => Promise<Buffer> }) {
  const root = await tempDir()
  const folder = join(root, 'Trip 2024')
  await mkdir(folder)
  await writeLowContrastPng(folder, 'IMG_10.png')
  await writeLowContrastPng(folder, 'IMG_2.png')
  await writeFile(join(folder, 'IMG_3.jpg'), await cameraJpeg())
  await writeFile(join(folder, 'broken.jpg'), await truncatedJpeg())
  await writeFile(join(folder, 'readme.txt'), 'not a photo')
  const histories = new HistoryStore(join(root, 'data'))
  const thumbnails = new ThumbnailCache({
    cacheDir: join(root, 'cache'),
    ...(options.make ? { make: options.make } : {})
  })
  const service = new GalleryService({
    thumbnails,
    histories,
    ...(options.prefetch === undefined ? {} : { prefetch: options.prefetch })
  })
  return { service, thumbnails, histories, folder }
}

/** Resolves `reached` once `count()` has been called `n` times: waiting on events, not a clock. */
function counter(n: number): { count: () => void; reached: Promise<void> } {
  let seen = 0
  let done: () => void = () => undefined
  const reached = new Promise<void>((resolve) => (done = resolve))
  return {
    count: () => {
      if (++seen === n) done()
    },
    reached
  }
}

describe('GalleryService', () => {
  it('opens a folder into items named by ids, and maps them back to files', async () => {
    const { service, folder } = await setUp({ prefetch: false })
    const state = await service.open(folder)

    expect(GalleryStateSchema.parse(state)).toEqual(state)
    expect(state.folderName).toBe('Trip 2024')
    expect(state.items.map((item) => item.name)).toEqual([
      'broken.jpg',
      'IMG_2.png',
      'IMG_3.jpg',
      'IMG_10.png'
    ])
    expect(JSON.stringify(state)).not.toContain(folder)
    const ten = state.items[3]
    expect(ten?.id).toMatch(/^[0-9a-f]{16}$/)
    expect(service.itemPath(state.id, ten?.id ?? '')).toBe(join(folder, 'IMG_10.png'))
    // The same folder opened again: a new gallery, the same item ids.
    const again = await service.open(folder)
    expect(again.id).not.toBe(state.id)
    expect(again.items.map((item) => item.id)).toEqual(state.items.map((item) => item.id))

    expect(() => service.itemPath(state.id, '0123456789abcdef')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
    service.close(state.id)
    expect(() => service.state(state.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    service.close(state.id)
  })

  it('opens dropped files as a gallery with the same ids as their folder gives them', async () => {
    const { service, folder } = await setUp({ prefetch: false })
    const folderState = await service.open(folder)
    const idOf = (state: { items: { id: string; name: string }[] }, name: string): string =>
      state.items.find((item) => item.name === name)?.id ?? ''

    const state = await service.openFiles([
      join(folder, 'IMG_10.png'),
      join(folder, 'IMG_2.png'),
      join(folder, 'IMG_2.png'),
      join(folder, 'readme.txt'),
      join(folder, 'missing.jpg'),
      folder
    ])
    expect(GalleryStateSchema.parse(state)).toEqual(state)
    expect(state.folderName).toBe('Trip 2024')
    expect(state.items.map((item) => item.name)).toEqual(['IMG_2.png', 'IMG_10.png'])
    // Not photos, missing, or a folder: counted, not listed; the duplicate is listed once.
    expect(state.skipped).toBe(3)
    expect(idOf(state, 'IMG_10.png')).toBe(idOf(folderState, 'IMG_10.png'))
    expect(service.itemPath(state.id, idOf(state, 'IMG_2.png'))).toBe(join(folder, 'IMG_2.png'))

    const elsewhere = await tempDir()
    const other = await writeLowContrastPng(elsewhere, 'other.png')
    const mixed = await service.openFiles([join(folder, 'IMG_3.jpg'), other])
    expect(mixed.folderName).toBe('Dropped photos')
    expect(mixed.items.map((item) => item.name)).toEqual(['IMG_3.jpg', 'other.png'])
  })

  it('makes every thumbnail in the background and reports each one', async () => {
    const { service, thumbnails, folder } = await setUp({})
    const events: ThumbnailReadyEvent[] = []
    const reported = counter(4)
    service.onThumbnailReady((event) => {
      events.push(event)
      reported.count()
    })
    const state = await service.open(folder)

    await reported.reached
    expect(events).toHaveLength(4)
    const byName = new Map(state.items.map((item) => [item.id, item.name]))
    const outcome: Record<string, string> = {}
    for (const e of events) outcome[byName.get(e.itemId) ?? '?'] = e.ok ? 'ok' : e.error.code
    expect(outcome).toEqual({
      'broken.jpg': 'CORRUPT_IMAGE',
      'IMG_2.png': 'ok',
      'IMG_3.jpg': 'ok',
      'IMG_10.png': 'ok'
    })
    expect(events.every((e) => e.galleryId === state.id)).toBe(true)

    const camera = state.items.find((item) => item.name === 'IMG_3.jpg')?.id ?? ''
    const jpeg = await service.thumbnail(state.id, camera)
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 20, height: 40 })
    expect(thumbnails.stats()).toMatchObject({ made: 3, failed: 1, hits: 1 })
    const broken = state.items[0]?.id ?? ''
    await expect(service.thumbnail(state.id, broken)).rejects.toMatchObject({
      code: 'CORRUPT_IMAGE'
    })
  })

  it('makes the thumbnails on screen first', async () => {
    const order: string[] = []
    let open: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (open = resolve))
    const started = counter(2)
    const make = async (path: string): Promise<Buffer> => {
      order.push(path.split('/').pop() ?? '')
      started.count()
      await gate
      return makeThumbnail(path)
    }
    const { service, thumbnails, folder } = await setUp({ make })
    const events: ThumbnailReadyEvent[] = []
    service.onThumbnailReady((event) => events.push(event))
    const state = await service.open(folder)
    await started.reached
    expect(order).toHaveLength(2)
    const ten = state.items[3]?.id ?? ''
    service.setVisible(state.id, [ten, 'fedcba9876543210'])
    open()
    await thumbnails.idle()
    // Two slots: broken.jpg and IMG_2.png were already being made; then IMG_10 jumps IMG_3.
    expect(order).toEqual(['broken.jpg', 'IMG_2.png', 'IMG_10.png', 'IMG_3.jpg'])
    expect(events.filter((event) => event.itemId === ten)).toHaveLength(1)
  })

  it('badges photos with a saved edit history, and refreshes the badge', async () => {
    const { service, histories, folder } = await setUp({ prefetch: false })
    await saveHistory(histories, join(folder, 'IMG_2.png'))

    const state = await service.open(folder)
    const badged = state.items.filter((item) => item.hasHistory).map((item) => item.name)
    expect(badged).toEqual(['IMG_2.png'])

    await saveHistory(histories, join(folder, 'IMG_10.png'))
    const ten = state.items.find((item) => item.name === 'IMG_10.png')?.id ?? ''
    const refreshed = await service.refreshHistory(state.id, [ten])
    expect(refreshed.items.filter((i) => i.hasHistory).map((i) => i.name)).toEqual([
      'IMG_2.png',
      'IMG_10.png'
    ])
  })

  it('drops the queued thumbnails of a closed gallery', async () => {
    let open: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (open = resolve))
    const made: string[] = []
    const started = counter(2)
    const make = async (path: string): Promise<Buffer> => {
      made.push(path)
      started.count()
      await gate
      return makeThumbnail(path)
    }
    const { service, thumbnails, folder } = await setUp({ make })
    const events: ThumbnailReadyEvent[] = []
    service.onThumbnailReady((event) => events.push(event))
    const state = await service.open(folder)
    await started.reached
    expect(made).toHaveLength(2)
    service.close(state.id)
    open()
    await thumbnails.idle()
    expect(made).toHaveLength(2)
    expect(events).toEqual([])
  })
})
