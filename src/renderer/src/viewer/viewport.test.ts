import { describe, expect, it } from 'vitest'
import {
  actualScale,
  clampViewport,
  fit,
  FIT_PADDING,
  formatZoom,
  imageToScreen,
  MAX_ZOOM,
  MIN_ZOOM,
  screenToImage,
  visibleImageRect,
  zoomAt
} from './viewport'

const photo = { width: 6000, height: 4000 }
const view = { width: 1200, height: 900 }

describe('fit', () => {
  it('shows the whole photo centred with padding on the limiting side', () => {
    const v = fit(photo, view)
    expect(v.scale).toBeCloseTo((1200 - 2 * FIT_PADDING) / 6000, 12)
    expect(v.offsetX).toBeCloseTo(FIT_PADDING, 9)
    const bottom = imageToScreen(v, { x: 6000, y: 4000 })
    expect(bottom.x).toBeCloseTo(1200 - FIT_PADDING, 9)
    // Vertically centred: equal space above and below.
    expect(v.offsetY).toBeCloseTo(900 - bottom.y, 9)
  })

  it('does not enlarge a small photo past 100 % (device pixels)', () => {
    expect(fit({ width: 300, height: 200 }, view).scale).toBe(1)
    expect(fit({ width: 300, height: 200 }, view, 2).scale).toBe(0.5)
  })

  it('uses the height when that is the tighter side', () => {
    const v = fit({ width: 1000, height: 8000 }, view)
    expect(v.scale).toBeCloseTo((900 - 2 * FIT_PADDING) / 8000, 12)
  })
})

describe('screen and image coordinates', () => {
  it('are exact inverses', () => {
    const v = { scale: 0.37315, offsetX: -1234.567, offsetY: 89.125 }
    for (const p of [
      { x: 0, y: 0 },
      { x: 123.456, y: 987.654 },
      { x: -50, y: 5000.5 }
    ]) {
      const back = imageToScreen(v, screenToImage(v, p))
      expect(Math.abs(back.x - p.x)).toBeLessThan(1e-9)
      expect(Math.abs(back.y - p.y)).toBeLessThan(1e-9)
      const image = screenToImage(v, imageToScreen(v, p))
      expect(Math.abs(image.x - p.x)).toBeLessThan(1e-9)
      expect(Math.abs(image.y - p.y)).toBeLessThan(1e-9)
    }
  })

  it('maps the image origin to the offset and scales distances', () => {
    const v = { scale: 2, offsetX: 10, offsetY: 20 }
    expect(imageToScreen(v, { x: 0, y: 0 })).toEqual({ x: 10, y: 20 })
    expect(imageToScreen(v, { x: 5, y: 7 })).toEqual({ x: 20, y: 34 })
  })
})

describe('zoomAt', () => {
  it('keeps the image point under the cursor fixed', () => {
    const v = fit(photo, view)
    const cursor = { x: 345.5, y: 612.25 }
    const before = screenToImage(v, cursor)
    for (const factor of [1.25, 0.8, 7, 1 / 3]) {
      const zoomed = zoomAt(v, cursor, factor)
      expect(zoomed.scale).toBeCloseTo(v.scale * factor, 12)
      const after = screenToImage(zoomed, cursor)
      expect(Math.abs(after.x - before.x)).toBeLessThan(1e-9)
      expect(Math.abs(after.y - before.y)).toBeLessThan(1e-9)
    }
  })

  it('clamps to the zoom limits in device pixels', () => {
    const v = { scale: 1, offsetX: 0, offsetY: 0 }
    expect(zoomAt(v, { x: 0, y: 0 }, 1000).scale).toBe(MAX_ZOOM)
    expect(zoomAt(v, { x: 0, y: 0 }, 1e-6).scale).toBe(MIN_ZOOM)
    expect(zoomAt(v, { x: 0, y: 0 }, 1000, 2).scale).toBe(MAX_ZOOM / 2)
  })
})

describe('clampViewport', () => {
  it('centres an axis on which the photo is smaller than the view', () => {
    const v = clampViewport({ scale: 0.1, offsetX: -5000, offsetY: 9000 }, photo, view)
    expect(v.offsetX).toBe((1200 - 600) / 2)
    expect(v.offsetY).toBe((900 - 400) / 2)
  })

  it('stops a larger photo from leaving gaps at its edges', () => {
    // At scale 1 the photo is 6000 × 4000: offsets must lie in [view − photo, 0].
    expect(clampViewport({ scale: 1, offsetX: 300, offsetY: -9999 }, photo, view)).toEqual({
      scale: 1,
      offsetX: 0,
      offsetY: 900 - 4000
    })
    const inside = { scale: 1, offsetX: -2000, offsetY: -1000 }
    expect(clampViewport(inside, photo, view)).toEqual(inside)
  })

  it('allows a margin past the edges when asked', () => {
    const v = clampViewport({ scale: 1, offsetX: 300, offsetY: 0 }, photo, view, 100)
    expect(v.offsetX).toBe(100)
  })
})

describe('visibleImageRect', () => {
  it('is the view rectangle in image pixels, clipped to the image', () => {
    const v = { scale: 2, offsetX: -1000, offsetY: 100 }
    expect(visibleImageRect(v, photo, view)).toEqual({ x: 500, y: 0, width: 600, height: 400 })
  })

  it('is null when the image is off-screen', () => {
    expect(visibleImageRect({ scale: 1, offsetX: 5000, offsetY: 0 }, photo, view)).toBeNull()
  })
})

describe('actualScale and formatZoom', () => {
  it('puts one image pixel on one device pixel', () => {
    expect(actualScale(1)).toBe(1)
    expect(actualScale(2)).toBe(0.5)
    expect(actualScale(0)).toBe(1)
  })

  it('formats percentages for people', () => {
    expect(formatZoom(1)).toBe('100%')
    expect(formatZoom(0.3333)).toBe('33%')
    expect(formatZoom(0.0472)).toBe('4.7%')
    expect(formatZoom(32)).toBe('3200%')
  })
})
