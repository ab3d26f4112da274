import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BatchEvent, BatchSummary, RecipePreset } from '../../shared/domain/batch'
import type { DocumentState } from '../../shared/domain/document'
import type { GalleryState, ThumbnailReadyEvent } from '../../shared/domain/gallery'
import type { EventName, EventPayload } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import { LucidError } from '../../shared/ipc/errors'
import { parseImageRoute } from '../../shared/ipc/image-routes'
import type { Core } from '../core'
import { createCore } from '../core'
import { buildTestWorker } from '../engine/worker/test-worker/build-test-worker'
import { serveImageRoute } from '../serve/image-routes'
import { lowContrastImage, tempDir, truncatedJpeg } from '../testing/images'
import { createDispatcher } from './dispatch'
import { ScriptedDialogs } from './scripted-dialogs'

/**
 * Galleries, batches, presets and drag-and-drop enhancement through the real handlers, the
 * real inference worker and the real (fast) upscaling model on the CPU, on tiny photos.
 */
const SLOW = 240_000

let workerPath: string
let dir: string
let folder: string
let core: Core
const dialogs = new ScriptedDialogs()
const thumbnails: ThumbnailReadyEvent[] = []
const batchEvents: { batchId: string; event: BatchEvent }[] = []
const finished = new Map<string, BatchSummary>()

/** Conditions tests wait on, checked as each event is emitted: no polling, no deadline. */
const waiters = new Set<() => boolean>()

/** Resolves once `condition` holds, in the very turn the event that makes it true comes. */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      if (!condition()) return false
      resolve()
      return true
    }
    if (!check()) waiters.add(check)
  })
}

const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
  if (event === 'gallery:thumbnail') thumbnails.push(payload as ThumbnailReadyEvent)
  if (event === 'batch:event') batchEvents.push(payload as EventPayload<'batch:event'>)
  if (event === 'batch:finished') {
    const { batchId, summary } = payload as EventPayload<'batch:finished'>
    finished.set(batchId, summary)
  }
  for (const check of waiters) if (check()) waiters.delete(check)
}

async function call(channel: string, request?: unknown): Promise<unknown> {
  const dispatch = createDispatcher(core.handlers, {
    trustedOrigins: ['lucid://app'],
    log: () => undefined
  })
  const result: Result<unknown> = await dispatch(channel, request, { origin: 'lucid://app', emit })
  if (!result.ok) throw new LucidError(result.error.code, result.error.message)
  return result.value
}

const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof LucidError ? error.code : String(error))
  )

/** The batch's summary, once batch:finished has come. */
async function summaryOf(batchId: string): Promise<BatchSummary> {
  await vi.waitFor(() => expect(finished.has(batchId)).toBe(true), { timeout: SLOW })
  return finished.get(batchId) as BatchSummary
}

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

async function writePhoto(path: string, width = 24, height = 16): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  await lowContrastImage(width, height).png().toFile(path)
  return path
}

beforeAll(async () => {
  workerPath = await buildTestWorker(join(__dirname, '../engine/worker/inference-worker.ts'))
  dir = await tempDir()
  folder = join(dir, 'Trip')
  for (const name of ['a.png', 'b.png', 'c.png']) await writePhoto(join(folder, name))
  await writeFile(join(folder, 'd-broken.jpg'), await truncatedJpeg())
  core = createCore({
    dialogs,
    importsDir: join(dir, 'imports'),
    dataDir: join(dir, 'data'),
    workerPath
  })
  await call('settings:set', { device: { kind: 'cpu' } })
}, 120_000)

afterAll(async () => {
  await core.close()
  await rm(dirname(workerPath), { recursive: true, force: true })
})

describe('the gallery and batch handlers with the real engine', () => {
  it('opens a folder, reports and serves its thumbnails, and opens an item', async () => {
    dialogs.folderAnswers.push(folder)
    const state = (await call('gallery:open')) as GalleryState
    expect(dialogs.lastFolderPurpose).toBe('gallery')
    expect(state.folderName).toBe('Trip')
    expect(state.items.map((item) => item.name)).toEqual([
      'a.png',
      'b.png',
      'c.png',
      'd-broken.jpg'
    ])
    await until(() => thumbnails.filter((e) => e.galleryId === state.id).length === 4)
    const broken = state.items[3]?.id ?? ''
    expect(thumbnails.find((e) => e.itemId === broken)).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT_IMAGE' }
    })

    const first = state.items[0]?.id ?? ''
    const route = parseImageRoute(`gallery-thumb/${state.id}/${first}`, new URLSearchParams())
    const thumb = await serveImageRoute(core.images, route!)
    expect(thumb.contentType).toBe('image/jpeg')
    expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: 24 })

    const doc = (await call('gallery:openItem', { galleryId: state.id, itemId: first })) as {
      name: string
    }
    expect(doc.name).toBe('a.png')
    expect(await call('gallery:setVisible', { galleryId: state.id, itemIds: [first] })).toBeNull()
    expect(await call('gallery:close', { galleryId: state.id })).toBeNull()
    expect(await codeOf(call('gallery:state', { galleryId: state.id }))).toBe('NOT_FOUND')
    dialogs.folderAnswers.push(null)
    expect(await call('gallery:open')).toBeNull()
  })

  it(
    'runs a recipe over a gallery: events, a summary with the failure, files, originals kept',
    async () => {
      const state = (await call('gallery:openPath', { path: folder })) as GalleryState
      const before = await Promise.all(state.items.map((i) => sha256(join(folder, i.name))))
      const out = join(dir, 'out')
      dialogs.folderAnswers.push(out)
      expect(await call('batch:chooseFolder')).toEqual({ path: out })
      expect(dialogs.lastFolderPurpose).toBe('output')

      const { batchId } = (await call('batch:start', {
        galleryId: state.id,
        itemIds: state.items.map((item) => item.id),
        recipe: { kind: 'recipe', text: 'upscale:2:fast' },
        output: { folder: out, format: 'png' }
      })) as { batchId: string }
      const summary = await summaryOf(batchId)

      expect(summary).toMatchObject({ state: 'done', total: 4, notRun: 0 })
      expect(summary.done.map((d) => d.output)).toEqual(
        ['a', 'b', 'c'].map((name) => join(out, `${name}_lucid.png`))
      )
      expect(summary.failed).toEqual([expect.objectContaining({ index: 3, code: 'CORRUPT_IMAGE' })])
      expect(summary.failed[0]?.message).toMatch(/\w/)
      const mine = batchEvents.filter((e) => e.batchId === batchId).map((e) => e.event.type)
      expect(mine).toContain('item-start')
      expect(mine).toContain('item-progress')
      expect(mine.filter((type) => type === 'item-done')).toHaveLength(3)
      expect(mine).toContain('item-failed')
      expect(await sharp(join(out, 'a_lucid.png')).metadata()).toMatchObject({
        width: 48,
        height: 32
      })
      expect((await readdir(out)).sort()).toEqual(['a_lucid.png', 'b_lucid.png', 'c_lucid.png'])
      const after = await Promise.all(state.items.map((i) => sha256(join(folder, i.name))))
      expect(after).toEqual(before)
      // Finished: pause, resume and cancel have nothing left to do.
      expect(await call('batch:cancel', { batchId })).toBeNull()
    },
    SLOW
  )

  it(
    'cancels a batch mid-way and leaves no partial file',
    async () => {
      const big = join(dir, 'big')
      for (const name of ['p1.png', 'p2.png', 'p3.png', 'p4.png']) {
        await writePhoto(join(big, name), 160, 120)
      }
      const state = (await call('gallery:openPath', { path: big })) as GalleryState
      const out = join(dir, 'out-cancelled')
      // Paused and cancelled in the turn the first progress event comes, not after a polling
      // delay in which a fast machine could finish the batch: two photos are in flight then,
      // and two not started.
      const firstProgress = until(() =>
        batchEvents.some((e) => e.event.type === 'item-progress' && e.event.input.startsWith(big))
      )
      const { batchId } = (await call('batch:start', {
        galleryId: state.id,
        itemIds: state.items.map((item) => item.id),
        recipe: { kind: 'recipe', text: 'upscale:4:fast' },
        output: { folder: out }
      })) as { batchId: string }
      await firstProgress
      expect(await call('batch:pause', { batchId })).toBeNull()
      expect(await call('batch:resume', { batchId })).toBeNull()
      expect(await call('batch:cancel', { batchId })).toBeNull()
      const summary = await summaryOf(batchId)

      expect(summary.state).toBe('cancelled')
      expect(summary.notRun).toBeGreaterThan(0)
      expect(summary.failed).toEqual([])
      const written = summary.done.map((d) => d.output.split('/').pop()).sort()
      expect((await readdir(out)).sort()).toEqual(written)
    },
    SLOW
  )

  it(
    "replays each photo's own history, skipping photos without one",
    async () => {
      const state = (await call('gallery:openPath', { path: folder })) as GalleryState
      const [a, b] = state.items
      const doc = (await call('gallery:openItem', {
        galleryId: state.id,
        itemId: a?.id ?? ''
      })) as DocumentState
      await call('edit:apply', {
        docId: doc.id,
        operation: { op: 'upscale', scale: 2, quality: 'fast' }
      })
      await call('image:close', { docId: doc.id })
      const refreshed = (await call('gallery:state', { galleryId: state.id })) as GalleryState
      expect(refreshed.items.filter((i) => i.hasHistory).map((i) => i.name)).toEqual(['a.png'])

      const out = join(dir, 'out-history')
      const { batchId } = (await call('batch:start', {
        galleryId: state.id,
        itemIds: [a?.id, b?.id],
        recipe: { kind: 'history' },
        output: { folder: out }
      })) as { batchId: string }
      const summary = await summaryOf(batchId)
      expect(summary.done.map((d) => d.output)).toEqual([join(out, 'a_lucid.png')])
      expect(summary.skipped).toEqual([
        expect.objectContaining({ index: 1, reason: 'b.png has no edit history' })
      ])
      expect(await sharp(join(out, 'a_lucid.png')).metadata()).toMatchObject({ width: 48 })
    },
    SLOW
  )

  it('keeps presets', async () => {
    expect(await call('presets:list')).toEqual([])
    const saved = (await call('presets:save', {
      name: 'Quick',
      recipe: 'upscale:2:fast'
    })) as RecipePreset[]
    expect(saved).toEqual([{ name: 'Quick', recipe: 'upscale:2:fast' }])
    expect(await call('presets:list')).toEqual(saved)
    expect(await call('presets:delete', { name: 'quick' })).toEqual([])
    expect(await codeOf(call('presets:save', { name: 'Bad', recipe: 'sharpen' }))).toBe(
      'INVALID_ARGUMENT'
    )
  })

  it(
    'enhances dropped paths beside the originals, and dropped bytes into a folder',
    async () => {
      const drop = join(dir, 'drop')
      const photo = await writePhoto(join(drop, 'x.png'))
      const { batchId } = (await call('enhance:paths', {
        paths: [photo],
        recipe: 'upscale:2:fast'
      })) as { batchId: string }
      expect((await summaryOf(batchId)).done.map((d) => d.output)).toEqual([
        join(drop, 'x_lucid.png')
      ])
      expect(await sharp(join(drop, 'x_lucid.png')).metadata()).toMatchObject({ width: 48 })

      const out = join(dir, 'out-bytes')
      const bytes = new Uint8Array(await readFile(photo))
      const dropped = (await call('enhance:bytes', {
        files: [{ name: 'y.png', bytes }],
        recipe: 'upscale:2:fast',
        folder: out
      })) as { batchId: string }
      expect((await summaryOf(dropped.batchId)).state).toBe('done')
      expect(await readdir(out)).toEqual(['y_lucid.png'])
      // The copy lived only as long as its batch.
      expect(await readdir(join(dir, 'imports'))).toEqual([])
    },
    SLOW
  )

  it('refuses unknown galleries, bad recipes and relative paths', async () => {
    const galleryId = '0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e'
    const output = { folder: join(dir, 'never') }
    const recipe = { kind: 'recipe', text: 'upscale:2:fast' }
    expect(
      await codeOf(
        call('batch:start', { galleryId, itemIds: ['0123456789abcdef'], recipe, output })
      )
    ).toBe('NOT_FOUND')
    expect(await codeOf(call('gallery:state', { galleryId }))).toBe('NOT_FOUND')
    expect(await codeOf(call('batch:cancel', { batchId: galleryId }))).toBe('NOT_FOUND')

    const state = (await call('gallery:openPath', { path: folder })) as GalleryState
    const itemIds = [state.items[0]?.id]
    expect(
      await codeOf(
        call('batch:start', {
          galleryId: state.id,
          itemIds,
          recipe: { kind: 'recipe', text: 'upscale:3:fast,sharpen' },
          output
        })
      )
    ).toBe('INVALID_ARGUMENT')
    expect(
      await codeOf(
        call('batch:start', { galleryId: state.id, itemIds, recipe, output: { folder: 'rel' } })
      )
    ).toBe('INVALID_ARGUMENT')
    expect(await codeOf(call('enhance:paths', { paths: ['x.png'], recipe: 'deblur' }))).toBe(
      'INVALID_ARGUMENT'
    )
    expect(await codeOf(call('gallery:openPath', { path: join(dir, 'missing') }))).toBe(
      'FILE_NOT_FOUND'
    )
  })
})
