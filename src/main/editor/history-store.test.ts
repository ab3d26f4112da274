import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Step } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import {
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_UPSCALE_STRENGTH
} from '../../shared/domain/tool-defaults'
import { tempDir } from '../testing/images'
import { HistoryStore, SAVE_DELAY_MS } from './history-store'

const step = (id: string, masked = false): Step => ({
  id,
  label: 'Deblur',
  operation: { op: 'deblur', strength: 1, quality: 'balanced' },
  masked,
  createdAt: 1,
  width: 8,
  height: 6
})
const A = '00000000-0000-4000-8000-00000000000a'
const B = '00000000-0000-4000-8000-00000000000b'
const C = '00000000-0000-4000-8000-00000000000c'
const mask: Mask = {
  inverted: false,
  strokes: [
    {
      mode: 'paint',
      size: 12,
      hardness: 0.5,
      opacity: 1,
      points: [
        [1.234, 5],
        [7, 8.5]
      ]
    }
  ]
}

async function setUp(): Promise<{ store: HistoryStore; dataDir: string; photo: string }> {
  const dataDir = await tempDir()
  const photo = join(dataDir, 'photo.jpg')
  await writeFile(photo, 'pretend pixels')
  return { store: new HistoryStore(dataDir), dataDir, photo }
}

describe('HistoryStore', () => {
  it('saves within a second, debounced, and loads steps, cursor and masks back', async () => {
    const { store, dataDir, photo } = await setUp()
    const { key, source } = await HistoryStore.identify(photo)
    await store.writeMask(key, B, mask)
    let snapshots = 0
    const snapshot = (): { steps: Step[]; cursor: number } => {
      snapshots++
      return { steps: [step(A), step(B, true)], cursor: 1 }
    }
    store.schedule(key, source, snapshot)
    store.schedule(key, source, snapshot)
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 300))
    await store.flush()
    expect(snapshots).toBe(1)
    expect(await readdir(join(dataDir, 'history', key))).toContain('history.json')
    const loaded = await new HistoryStore(dataDir).load(key, source)
    expect(loaded?.steps.map((s) => s.id)).toEqual([A, B])
    expect(loaded?.cursor).toBe(1)
    expect(loaded?.masks.get(B)).toEqual({
      inverted: false,
      strokes: [
        {
          ...mask.strokes[0],
          points: [
            [1.23, 5],
            [7, 8.5]
          ]
        }
      ]
    })
  })

  it('keys a history by the file: a modified original starts fresh', async () => {
    const { store, photo } = await setUp()
    const first = await HistoryStore.identify(photo)
    store.schedule(first.key, first.source, () => ({ steps: [step(A)], cursor: 1 }))
    await store.flush()
    await writeFile(photo, 'other pixels, other size')
    const second = await HistoryStore.identify(photo)
    expect(second.key).not.toBe(first.key)
    expect(await store.load(second.key, second.source)).toBeNull()
  })

  it.each([
    ['not JSON', '{"version": 1, "steps": ['],
    ['the wrong shape', '{"version": 1, "steps": 3}'],
    ['a cursor past the end', null]
  ])('starts fresh from a history.json that is %s', async (_, text) => {
    const { store, dataDir, photo } = await setUp()
    const { key, source } = await HistoryStore.identify(photo)
    const body = text ?? JSON.stringify({ version: 1, source, steps: [step(A)], cursor: 2 })
    await mkdir(join(dataDir, 'history', key), { recursive: true })
    await writeFile(join(dataDir, 'history', key, 'history.json'), body)
    expect(await store.load(key, source)).toBeNull()
  })

  it('loads a history saved before deblur and upscale had a strength, with the defaults', async () => {
    const { store, dataDir, photo } = await setUp()
    const { key, source } = await HistoryStore.identify(photo)
    // Written by an earlier Lucid: deblur had no parameters, upscale no strength.
    const old = (id: string, operation: unknown): unknown => ({
      id,
      label: 'old',
      operation,
      masked: false,
      createdAt: 1,
      width: 8,
      height: 6
    })
    const steps = [
      old(A, { op: 'deblur' }),
      old(B, { op: 'upscale', scale: 4, quality: 'balanced' }),
      old(C, { op: 'lowlight', strength: 0.5 })
    ]
    await mkdir(join(dataDir, 'history', key), { recursive: true })
    await writeFile(
      join(dataDir, 'history', key, 'history.json'),
      JSON.stringify({ version: 1, source, steps, cursor: 3 })
    )
    const loaded = await store.load(key, source)
    expect(loaded?.steps.map((s) => s.operation)).toEqual([
      { op: 'deblur', strength: DEFAULT_DEBLUR_STRENGTH, quality: DEFAULT_DEBLUR_QUALITY },
      { op: 'upscale', scale: 4, quality: 'balanced', strength: DEFAULT_UPSCALE_STRENGTH },
      { op: 'lowlight', strength: 0.5 }
    ])
  })

  it('starts fresh when a masked step has lost its mask', async () => {
    const { store, photo } = await setUp()
    const { key, source } = await HistoryStore.identify(photo)
    store.schedule(key, source, () => ({ steps: [step(A, true)], cursor: 1 }))
    await store.flush()
    expect(await store.load(key, source)).toBeNull()
  })

  it('keeps thumbnails, discards those of dropped steps, and removes a whole history', async () => {
    const { store, dataDir, photo } = await setUp()
    const { key } = await HistoryStore.identify(photo)
    await store.writeThumb(key, A, Buffer.from('png'))
    await store.writeMask(key, A, mask)
    expect(await store.readThumb(key, A)).toEqual(Buffer.from('png'))
    expect(await store.readThumb(key, '../../x')).toBeNull()
    await store.discard(key, [A])
    expect(await store.readThumb(key, A)).toBeNull()
    expect(await readdir(join(dataDir, 'history', key, 'masks'))).toEqual([])
    await store.remove(key)
    expect(await readdir(join(dataDir, 'history'))).toEqual([])
    expect(await readFile(photo, 'utf8')).toBe('pretend pixels')
  })

  it("keeps a dropped step's mask until the history that drops it is saved (crash safety)", async () => {
    const { store, dataDir, photo } = await setUp()
    const { key, source } = await HistoryStore.identify(photo)
    await store.writeMask(key, B, mask)
    store.schedule(key, source, () => ({ steps: [step(A), step(B, true)], cursor: 1 }))
    await store.flush()
    // A new step at cursor 1 drops B: the save is scheduled, then B's files are discarded.
    store.schedule(key, source, () => ({ steps: [step(A), step(C)], cursor: 2 }))
    await store.discard(key, [B])
    // A kill now finds the old history.json, which names B: its mask must still be there.
    expect(await new HistoryStore(dataDir).load(key, source)).not.toBeNull()
    await store.flush()
    expect(await readdir(join(dataDir, 'history', key, 'masks'))).toEqual([])
    expect((await store.load(key, source))?.steps.map((s) => s.id)).toEqual([A, C])
  })
})
