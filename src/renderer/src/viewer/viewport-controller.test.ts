import { describe, expect, it } from 'vitest'
import { screenToImage } from './viewport'
import { ViewportController } from './viewport-controller'

const photo = { width: 6000, height: 4000 }
const view = { width: 1200, height: 900 }

function opened(dpr = 1): ViewportController {
  const c = new ViewportController(photo, () => dpr)
  c.setViewSize(view)
  return c
}

describe('ViewportController', () => {
  it('has no viewport until the view has a size, then fits', () => {
    const c = new ViewportController(photo)
    expect(c.get()).toBeNull()
    c.setViewSize(view)
    expect(c.get()?.scale).toBeCloseTo(1168 / 6000, 12)
    expect(c.fitted).toBe(true)
  })

  it('refits on resize while fitted, and stops being fitted once zoomed', () => {
    const c = opened()
    c.setViewSize({ width: 600, height: 900 })
    expect(c.get()?.scale).toBeCloseTo(568 / 6000, 12)
    c.zoomAt({ x: 300, y: 450 }, 2)
    expect(c.fitted).toBe(false)
    const zoomed = c.get()
    c.setViewSize({ width: 601, height: 900 })
    expect(c.get()?.scale).toBe(zoomed?.scale)
  })

  it('zooms to 100 % in device pixels around the view centre', () => {
    const c = opened(2)
    const centre = { x: 600, y: 450 }
    const before = screenToImage(c.get()!, centre)
    c.request({ kind: 'actual' })
    expect(c.get()?.scale).toBe(0.5)
    const after = screenToImage(c.get()!, centre)
    expect(after.x).toBeCloseTo(before.x, 9)
    expect(after.y).toBeCloseTo(before.y, 9)
  })

  it('zooms by a factor and back to fit', () => {
    const c = opened()
    const fitScale = c.get()!.scale
    c.request({ kind: 'by', factor: 4 })
    expect(c.get()?.scale).toBeCloseTo(fitScale * 4, 12)
    c.request({ kind: 'fit' })
    expect(c.get()?.scale).toBe(fitScale)
    expect(c.fitted).toBe(true)
  })

  it('keeps the photo in view when panned too far', () => {
    const c = opened()
    c.request({ kind: 'actual' })
    c.panBy(100000, 100000)
    expect(c.get()).toMatchObject({ offsetX: 0, offsetY: 0 })
  })

  it('keeps the same part of the scene when an upscale doubles the photo', () => {
    const c = opened()
    c.request({ kind: 'actual' })
    c.panBy(-500, -300)
    const centre = { x: 600, y: 450 }
    const before = screenToImage(c.get()!, centre)
    c.setImageSize({ width: 12000, height: 8000 })
    const after = screenToImage(c.get()!, centre)
    expect(after.x).toBeCloseTo(before.x * 2, 6)
    expect(after.y).toBeCloseTo(before.y * 2, 6)
  })

  it('notifies listeners only when the viewport changes', () => {
    const c = opened()
    let calls = 0
    const off = c.subscribe(() => (calls += 1))
    c.request({ kind: 'fit' })
    expect(calls).toBe(0)
    c.zoomAt({ x: 10, y: 10 }, 1.5)
    expect(calls).toBe(1)
    off()
    c.zoomAt({ x: 10, y: 10 }, 1.5)
    expect(calls).toBe(1)
  })
})
