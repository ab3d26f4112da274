import { describe, expect, it } from 'vitest'
import {
  compareNames,
  filterGalleryItems,
  GalleryItemSchema,
  sortGalleryItems,
  ThumbnailReadyEventSchema
} from './gallery'

const item = (name: string, modifiedAt: number) => ({ name, modifiedAt })

describe('gallery order and filter', () => {
  it('compares names naturally, ignoring case', () => {
    const names = ['IMG_10.jpg', 'img_2.jpg', 'IMG_1.jpg', 'b.png', 'A.png']
    expect([...names].sort(compareNames)).toEqual([
      'A.png',
      'b.png',
      'IMG_1.jpg',
      'img_2.jpg',
      'IMG_10.jpg'
    ])
    expect(compareNames('a.jpg', 'A.jpg')).not.toBe(0)
  })

  it('sorts by name or by date, either way round', () => {
    const items = [item('IMG_10', 1), item('IMG_2', 3), item('IMG_3', 1)]
    const names = (sorted: { name: string }[]): string[] => sorted.map((i) => i.name)
    expect(names(sortGalleryItems(items, { by: 'name', descending: false }))).toEqual([
      'IMG_2',
      'IMG_3',
      'IMG_10'
    ])
    expect(names(sortGalleryItems(items, { by: 'date', descending: false }))).toEqual([
      'IMG_3',
      'IMG_10',
      'IMG_2'
    ])
    expect(names(sortGalleryItems(items, { by: 'date', descending: true }))).toEqual([
      'IMG_2',
      'IMG_10',
      'IMG_3'
    ])
    expect(names(items)).toEqual(['IMG_10', 'IMG_2', 'IMG_3'])
  })

  it('filters by name, ignoring case and accents', () => {
    const items = [item('Café.jpg', 0), item('beach.JPG', 0), item('cafeteria.png', 0)]
    expect(filterGalleryItems(items, ' CAFE ').map((i) => i.name)).toEqual([
      'Café.jpg',
      'cafeteria.png'
    ])
    expect(filterGalleryItems(items, '')).toHaveLength(3)
  })
})

describe('gallery schemas', () => {
  it('accepts opaque ids only', () => {
    const good = { id: '0123456789abcdef', name: 'a.jpg', bytes: 1, modifiedAt: 2 }
    expect(GalleryItemSchema.safeParse({ ...good, hasHistory: false }).success).toBe(true)
    expect(
      GalleryItemSchema.safeParse({ ...good, id: '/home/me/a.jpg', hasHistory: false }).success
    ).toBe(false)
  })

  it('carries a typed reason with a failed thumbnail', () => {
    const base = { galleryId: crypto.randomUUID(), itemId: '0123456789abcdef', ok: false }
    const failed = { ...base, error: { code: 'CORRUPT_IMAGE', message: 'damaged' } }
    expect(ThumbnailReadyEventSchema.safeParse(failed).success).toBe(true)
    const unknown = { ...base, error: { code: 'WRITE_FAILED', message: 'no' } }
    expect(ThumbnailReadyEventSchema.safeParse(unknown).success).toBe(false)
  })
})
