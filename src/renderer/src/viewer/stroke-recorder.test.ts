import { describe, expect, it } from 'vitest'
import { StrokeSchema } from '../../../shared/domain/mask'
import { MIN_SPACING_SCREEN, StrokeRecorder } from './stroke-recorder'

const style = { mode: 'paint' as const, size: 40, hardness: 0.5, opacity: 0.8 }

describe('StrokeRecorder', () => {
  it('keeps points at least MIN_SPACING_SCREEN screen pixels apart', () => {
    const scale = 0.5 // 2 screen px = 4 image px
    const r = new StrokeRecorder(style, { x: 10, y: 10 })
    expect(r.add({ x: 13, y: 10 }, scale)).toBe(false)
    expect(r.add({ x: 10 + (MIN_SPACING_SCREEN / scale) * 1.01, y: 10 }, scale)).toBe(true)
    expect(r.add({ x: 14.1, y: 13 }, scale)).toBe(false)
    expect(r.points).toHaveLength(2)
  })

  it('spaces in screen pixels, so zoomed in it keeps finer image detail', () => {
    const zoomedIn = new StrokeRecorder(style, { x: 0, y: 0 })
    expect(zoomedIn.add({ x: 0.5, y: 0 }, 8)).toBe(true)
    const zoomedOut = new StrokeRecorder(style, { x: 0, y: 0 })
    expect(zoomedOut.add({ x: 0.5, y: 0 }, 0.1)).toBe(false)
  })

  it('finishes a valid stroke with the brush and the kept points, rounded to 1/100 px', () => {
    const r = new StrokeRecorder(style, { x: 1.23456, y: 2 })
    r.add({ x: 50.5, y: 60.25 }, 1)
    r.add({ x: 100, y: 60.25 }, 1)
    const stroke = r.finish()
    expect(stroke).toEqual({
      mode: 'paint',
      size: 40,
      hardness: 0.5,
      opacity: 0.8,
      points: [
        [1.23, 2],
        [50.5, 60.25],
        [100, 60.25]
      ]
    })
    expect(StrokeSchema.safeParse(stroke).success).toBe(true)
  })

  it('records a click as a one-point stroke', () => {
    const stroke = new StrokeRecorder({ ...style, mode: 'erase' }, { x: 5, y: 5 }).finish()
    expect(stroke.points).toEqual([[5, 5]])
    expect(stroke.mode).toBe('erase')
  })

  it('returns a copy that later points do not change', () => {
    const r = new StrokeRecorder(style, { x: 0, y: 0 })
    const stroke = r.finish()
    r.add({ x: 100, y: 0 }, 1)
    expect(stroke.points).toHaveLength(1)
  })
})
