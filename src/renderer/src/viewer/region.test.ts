import { describe, expect, it } from 'vitest'
import { previewScale, previewSize, regionCovers, regionRequest } from './region'
import { fit } from './viewport'

const photo = { width: 8192, height: 6144 } // 50 MP; the preview is 2048 × 1536 (scale 1/4)
const view = { width: 1000, height: 800 }

describe('previewScale and previewSize', () => {
  it('scales the long side down to the preview limit, never up', () => {
    expect(previewScale(photo)).toBe(0.25)
    expect(previewSize(photo)).toEqual({ width: 2048, height: 1536 })
    expect(previewScale({ width: 640, height: 420 })).toBe(1)
  })
})

describe('regionRequest', () => {
  it('is null while the preview is dense enough', () => {
    expect(regionRequest(fit(photo, view), photo, view, 1)).toBeNull()
    expect(regionRequest({ scale: 0.25, offsetX: 0, offsetY: 0 }, photo, view, 1)).toBeNull()
  })

  it('is null for a photo whose preview is full resolution', () => {
    const small = { width: 2000, height: 1500 }
    expect(regionRequest({ scale: 4, offsetX: 0, offsetY: 0 }, small, view, 1)).toBeNull()
  })

  it('asks for the visible rectangle at the view’s device resolution at 100 %', () => {
    const v = { scale: 1, offsetX: -3000.5, offsetY: -2000 }
    expect(regionRequest(v, photo, view, 1)).toEqual({
      x: 3000,
      y: 2000,
      width: 1001,
      height: 800,
      out: 1001
    })
  })

  it('counts device pixels: at 100 % on a 2× display the out size doubles, capped at 2048', () => {
    const v = { scale: 0.5, offsetX: -1000, offsetY: -1000 }
    const r = regionRequest(v, photo, view, 2)
    expect(r).toMatchObject({ x: 2000, y: 2000, width: 2000, height: 1600, out: 2000 })
    const wide = regionRequest(v, photo, { width: 1600, height: 900 }, 2)
    expect(wide?.width).toBe(3200)
    expect(wide?.out).toBe(2048)
  })

  it('clamps the rectangle to the image', () => {
    const v = { scale: 2, offsetX: 200, offsetY: -(6144 * 2 - 300) }
    const r = regionRequest(v, photo, view, 1)
    expect(r).toEqual({ x: 0, y: 5994, width: 400, height: 150, out: 400 })
  })

  it('never asks for more pixels than the rectangle holds (no enlargement)', () => {
    const r = regionRequest({ scale: 8, offsetX: -8000, offsetY: -8000 }, photo, view, 1)
    expect(r).toEqual({ x: 1000, y: 1000, width: 125, height: 100, out: 125 })
  })

  it('skips a request that would be barely sharper than the preview', () => {
    // Scale 0.3 of a 50 MP photo in a 4000-px-wide view: the rectangle is the whole width,
    // and out is capped at 2048, the preview's own resolution.
    const v = { scale: 0.3, offsetX: 0, offsetY: 0 }
    expect(regionRequest(v, photo, { width: 4000, height: 1000 }, 1)).toBeNull()
  })
})

describe('regionCovers', () => {
  const have = { x: 100, y: 100, width: 1000, height: 800, out: 1000 }

  it('accepts a rectangle inside at the same density', () => {
    expect(regionCovers(have, { x: 200, y: 150, width: 500, height: 400, out: 500 })).toBe(true)
  })

  it('rejects one reaching outside or needing more density', () => {
    expect(regionCovers(have, { x: 50, y: 150, width: 500, height: 400, out: 500 })).toBe(false)
    expect(regionCovers(have, { x: 200, y: 150, width: 500, height: 400, out: 1000 })).toBe(false)
  })
})
