import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DocumentState, JobProgress } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import type { EventName, EventPayload } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import { LucidError } from '../../shared/ipc/errors'
import type { Core } from '../core'
import { createCore } from '../core'
import { HistoryStore, SAVE_DELAY_MS } from '../editor/history-store'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { buildTestWorker } from '../engine/worker/test-worker/build-test-worker'
import { tempDir } from '../testing/images'
import { createDispatcher } from './dispatch'
import type { CallContext } from './ports'
import { ScriptedDialogs } from './scripted-dialogs'

/**
 * The editor end to end below the renderer: the real handlers, the real inference worker and
 * the real models on the CPU, on a small real photo.
 */
const SLOW = 240_000
const assets = resolve(defaultModelsDir(), '../../node_modules/@upscalerjs')

let workerPath: string
let dir: string
let dataDir: string
let photo: string
const dialogs = new ScriptedDialogs()
const cores: Core[] = []
const events: JobProgress[] = []
/** Called with each job:progress event as it is emitted, so a test can act in the same turn. */
let onJobProgress: ((event: JobProgress) => void) | undefined
const context: CallContext = {
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'job:progress') {
      events.push(payload as JobProgress)
      onJobProgress?.(payload as JobProgress)
    }
  }
}

const painted: Mask = {
  inverted: false,
  strokes: [
    {
      mode: 'paint',
      size: 30,
      hardness: 0.8,
      opacity: 1,
      points: [
        [60, 50],
        [120, 90]
      ]
    }
  ]
}

function core(cacheBudgetBytes?: number): Core {
  const created = createCore({
    dialogs,
    importsDir: join(dir, 'imports'),
    dataDir,
    workerPath,
    ...(cacheBudgetBytes !== undefined && { cacheBudgetBytes })
  })
  cores.push(created)
  return created
}

/** Calls through the dispatcher, as ipcMain and the bridge do; throws the typed error. */
async function call(target: Core, channel: string, request: unknown): Promise<unknown> {
  const dispatch = createDispatcher(target.handlers, {
    trustedOrigins: ['lucid://app'],
    log: () => undefined
  })
  const result: Result<unknown> = await dispatch(channel, request, {
    origin: 'lucid://app',
    ...context
  })
  if (!result.ok) throw new LucidError(result.error.code, result.error.message)
  return result.value
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof LucidError ? error.code : String(error))
  )
}

/** Exports the current result as PNG and decodes it: the document's exact pixels. */
async function pixels(target: Core, docId: string, name: string): Promise<Buffer> {
  const path = join(dir, 'exports', name)
  dialogs.exportAnswers.push(path)
  await call(target, 'image:export', { docId, options: { format: 'png', keepMetadata: false } })
  return sharp(path).raw().toBuffer()
}

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

beforeAll(async () => {
  workerPath = await buildTestWorker(join(__dirname, '../engine/worker/inference-worker.ts'))
  dir = await tempDir()
  dataDir = join(dir, 'data')
  await mkdir(join(dir, 'exports'), { recursive: true })
  photo = join(dir, 'street.jpg')
  await sharp(join(assets, 'maxim-deblurring/assets/fixture.png'))
    .removeAlpha()
    .resize(96, 80, { fit: 'cover' })
    .jpeg({ quality: 95 })
    .withExif({ IFD0: { Copyright: 'Lucid test photo' } })
    .toFile(photo)
}, 120_000)

afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()))
  await rm(dirname(workerPath), { recursive: true, force: true })
})

describe('the editor handlers with the real engine', () => {
  it(
    'applies, undoes, redoes, jumps, persists, recomputes evicted steps, cancels and exports',
    async () => {
      const before = await sha256(photo)
      const first = core()
      await call(first, 'settings:set', { device: { kind: 'cpu' } })
      const opened = (await call(first, 'image:openPath', { path: photo })) as DocumentState
      expect(opened).toMatchObject({ cursor: 0, restored: false, width: 96, height: 80 })
      const docId = opened.id

      const estimate = (await call(first, 'engine:estimate', {
        docId,
        operation: { op: 'upscale', scale: 2, quality: 'fast' }
      })) as { provider: string; seconds: number }
      expect(estimate.provider).toBe('cpu')
      expect(estimate.seconds).toBeGreaterThan(0)

      const upscaled = (await call(first, 'edit:apply', {
        docId,
        operation: { op: 'upscale', scale: 2, quality: 'fast' }
      })) as DocumentState
      expect(upscaled).toMatchObject({ cursor: 1, width: 192, height: 160, revision: 1 })
      expect(upscaled.steps[0]?.label).toBe('Upscale ×2 · fast')

      events.length = 0
      const deblurred = (await call(first, 'edit:apply', {
        docId,
        operation: { op: 'deblur' },
        mask: painted
      })) as DocumentState
      expect(deblurred.steps[1]).toMatchObject({
        label: 'Deblur 75% · painted region',
        masked: true
      })
      expect(events.some((e) => e.cancellable && e.tilesTotal > 0 && !e.done)).toBe(true)
      expect(events.at(-1)).toMatchObject({ done: true, fraction: 1, cancellable: false })
      const exact = await pixels(first, docId, 'step2.png')

      expect(await call(first, 'edit:undo', { docId })).toMatchObject({ cursor: 1, width: 192 })
      expect(await call(first, 'edit:redo', { docId })).toMatchObject({ cursor: 2 })
      expect(await call(first, 'edit:jumpTo', { docId, cursor: 0 })).toMatchObject({
        cursor: 0,
        width: 96,
        canRedo: true
      })
      expect(await call(first, 'edit:jumpTo', { docId, cursor: 2 })).toMatchObject({ cursor: 2 })
      expect(await codeOf(call(first, 'edit:jumpTo', { docId, cursor: 3 }))).toBe(
        'INVALID_ARGUMENT'
      )

      // Close and reopen: the history comes back from disk.
      await call(first, 'image:close', { docId })
      const reopened = (await call(first, 'image:openPath', { path: photo })) as DocumentState
      expect(reopened).toMatchObject({ restored: true, cursor: 2, width: 192 })
      expect(reopened.steps.map((s) => s.id)).toEqual(deblurred.steps.map((s) => s.id))
      await first.close()

      // A tiny cache budget evicts every result: the current step is recomputed, identically.
      const second = core(1)
      const again = (await call(second, 'image:openPath', { path: photo })) as DocumentState
      expect(again).toMatchObject({ restored: true, cursor: 2, width: 192, height: 160 })
      const recomputed = await pixels(second, again.id, 'step2-again.png')
      expect(recomputed.length).toBe(exact.length)
      let worst = 0
      for (let i = 0; i < exact.length; i++) {
        worst = Math.max(worst, Math.abs((exact[i] ?? 0) - (recomputed[i] ?? 0)))
      }
      expect(worst).toBeLessThanOrEqual(1)
      expect(await call(second, 'edit:jumpTo', { docId: again.id, cursor: 1 })).toMatchObject({
        width: 192
      })
      await call(second, 'edit:jumpTo', { docId: again.id, cursor: 2 })

      // Cancelling mid-job leaves the history as it was.
      events.length = 0
      // The photo is one MAXIM tile (some 330 GFLOP): cancel once the worker has started
      // it, in the very turn its 0-of-1 report arrives, so no CPU is fast enough to finish first.
      const tileStarted = new Promise<void>((resolve) => {
        onJobProgress = (event) => {
          if (event.tilesTotal > 0 && !event.done) resolve()
        }
      })
      const running = call(second, 'edit:apply', { docId: again.id, operation: { op: 'deblur' } })
      await tileStarted
      onJobProgress = undefined
      expect(events.some((e) => e.done)).toBe(false)
      await call(second, 'edit:cancel', { docId: again.id })
      expect(await codeOf(running)).toBe('CANCELLED')
      const after = (await call(second, 'edit:undo', { docId: again.id })) as DocumentState
      expect(after.steps).toHaveLength(2)
      expect(after.cursor).toBe(1)

      // Export: atomic, never the original, metadata kept or stripped as asked.
      const kept = join(dir, 'exports', 'kept.jpg')
      const stripped = join(dir, 'exports', 'stripped')
      dialogs.exportAnswers.push(kept, stripped)
      await call(second, 'image:export', { docId: again.id, options: { keepMetadata: true } })
      const result = (await call(second, 'image:export', {
        docId: again.id,
        options: { format: 'webp', keepMetadata: false }
      })) as { path: string; format: string }
      expect(result).toMatchObject({ path: `${stripped}.webp`, format: 'webp' })
      expect((await sharp(kept).metadata()).exif?.toString('latin1')).toContain('Lucid test photo')
      expect((await sharp(`${stripped}.webp`).metadata()).exif).toBeUndefined()
      expect(
        (await readdir(join(dir, 'exports'))).filter((f) => !/\.(png|jpg|webp)$/.test(f))
      ).toEqual([])
      dialogs.exportAnswers.push(photo)
      expect(await codeOf(call(second, 'image:export', { docId: again.id, options: {} }))).toBe(
        'WOULD_OVERWRITE_ORIGINAL'
      )
      expect(await sha256(photo)).toBe(before)
    },
    SLOW
  )

  it('answers bad input with typed errors and survives a corrupt history', async () => {
    const target = core()
    const unknown = '0b6f8f9e-4a8e-4c61-9d7a-3f8e2b1c0d4e'
    expect(await codeOf(call(target, 'edit:undo', { docId: unknown }))).toBe('NOT_FOUND')
    expect(await codeOf(call(target, 'image:close', { docId: unknown }))).toBe('NOT_FOUND')
    const malformed = { strokes: [{ mode: 'spray', size: -1, points: [] }] }
    expect(
      await codeOf(
        call(target, 'edit:apply', { docId: unknown, operation: { op: 'deblur' }, mask: malformed })
      )
    ).toBe('INVALID_ARGUMENT')

    const { key } = await HistoryStore.identify(photo)
    await mkdir(join(dataDir, 'history', key), { recursive: true })
    await writeFile(join(dataDir, 'history', key, 'history.json'), '{"version": 1, "steps": [tru')
    const fresh = (await call(target, 'image:openPath', { path: photo })) as DocumentState
    expect(fresh).toMatchObject({ restored: false, cursor: 0, steps: [] })
  })

  it('keeps the history of an app that is killed: saved within a second of the change', async () => {
    const copy = join(dir, 'killed.jpg')
    await copyFile(photo, copy)
    const running = core()
    const opened = (await call(running, 'image:openPath', { path: copy })) as DocumentState
    await call(running, 'edit:apply', { docId: opened.id, operation: { op: 'autoLevels' } })
    // The save is due SAVE_DELAY_MS after the change; the write itself is disk time, so the test
    // waits for the file to land (atomically: whole or absent) rather than sleeping a second.
    expect(SAVE_DELAY_MS).toBeLessThan(1_000)
    const { key } = await HistoryStore.identify(copy)
    const saved = join(dataDir, 'history', key, 'history.json')
    await vi.waitFor(() => expect(existsSync(saved)).toBe(true), { timeout: 25_000, interval: 20 })
    // No close, no flush: a second app on the same data folder, as after a crash.
    const afterCrash = core()
    const reopened = (await call(afterCrash, 'image:openPath', { path: copy })) as DocumentState
    expect(reopened).toMatchObject({ restored: true, cursor: 1 })
    expect(reopened.steps.map((step) => step.label)).toEqual(['Auto levels'])
  })
})
