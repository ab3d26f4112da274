import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  channelRange,
  tempDir,
  truncatedJpeg,
  writeFixture,
  writeLowContrastPng
} from '../testing/images'
import { DocumentStore } from './document-store'
import { sharpFromRaw } from './raw-image'

let dir: string
let photo: string

beforeAll(async () => {
  dir = await tempDir()
  photo = await writeLowContrastPng(dir)
})

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const rangeOf = async (store: DocumentStore, id: string): Promise<{ min: number; max: number }[]> =>
  channelRange(
    await sharpFromRaw(await store.render(id))
      .png()
      .toBuffer()
  )

describe('DocumentStore', () => {
  it('applies auto levels, undoes to the exact original and redoes, never writing the source', async () => {
    const before = await sha256(photo)
    const store = new DocumentStore()
    const doc = await store.open(photo)
    const original = Buffer.from((await store.render(doc.id)).data)
    expect((await rangeOf(store, doc.id))[0]).toEqual({ min: 70, max: 170 })

    const edited = await store.apply(doc.id, {
      op: 'autoLevels',
      lowerPercentile: 1,
      upperPercentile: 99
    })
    expect(edited).toMatchObject({ cursor: 1, canUndo: true, canRedo: false, revision: 1 })
    expect(edited.steps[0]?.label).toBe('Auto levels')
    // Luminance is stretched to the full range (hue kept): red and green carry the gradients
    // that reach the darkest and brightest luminance, blue gains contrast too.
    const [red, green, blue] = await rangeOf(store, doc.id)
    for (const channel of [red, green]) {
      expect(channel!.min).toBeLessThanOrEqual(5)
      expect(channel!.max).toBeGreaterThanOrEqual(245)
    }
    expect(blue!.max - blue!.min).toBeGreaterThan(150)
    const stretched = Buffer.from((await store.render(doc.id)).data)

    const undone = await store.undo(doc.id)
    expect(undone).toMatchObject({ cursor: 0, canUndo: false, canRedo: true, revision: 2 })
    expect(Buffer.from((await store.render(doc.id)).data).equals(original)).toBe(true)

    await store.redo(doc.id)
    expect(Buffer.from((await store.render(doc.id)).data).equals(stretched)).toBe(true)
    expect(await sha256(photo)).toBe(before)
  })

  it('leaves the state unchanged when there is nothing to undo or redo', async () => {
    const store = new DocumentStore()
    const doc = await store.open(photo)
    expect(await store.undo(doc.id)).toEqual(doc)
    expect(await store.redo(doc.id)).toEqual(doc)
  })

  it('registers nothing when a file fails to open', async () => {
    const store = new DocumentStore()
    const broken = await writeFixture(dir, 'broken.jpg', await truncatedJpeg())
    await expect(store.open(broken)).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' })
    expect(store.sourcePaths()).toEqual([])
  })

  it('serves a preview only for the current revision', async () => {
    const store = new DocumentStore()
    const doc = await store.open(photo)
    const preview = await store.preview(doc.id, 0)
    expect(preview.contentType).toBe('image/jpeg')
    expect((await sharp(preview.data).metadata()).width).toBe(96)
    await store.apply(doc.id, { op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 })
    await expect(store.preview(doc.id, 0)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(store.preview(doc.id, 1)).resolves.toBeDefined()
  })

  it('serialises concurrent edits to one document', async () => {
    const store = new DocumentStore()
    const doc = await store.open(photo)
    const op = { op: 'autoLevels', lowerPercentile: 1, upperPercentile: 99 } as const
    const results = await Promise.all([
      store.apply(doc.id, op),
      store.apply(doc.id, op),
      store.undo(doc.id)
    ])
    expect(results.map((r) => r.cursor)).toEqual([1, 2, 1])
    expect(store.state(doc.id).revision).toBe(3)
  })

  it('answers NOT_FOUND for a closed or unknown document', async () => {
    const store = new DocumentStore()
    const doc = await store.open(photo)
    store.close(doc.id)
    expect(() => store.state(doc.id)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as Error
    )
    await expect(store.undo(doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
