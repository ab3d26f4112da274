import { describe, expect, it } from 'vitest'
import { wheelZoomFactor } from './wheel'

describe('wheelZoomFactor', () => {
  it('zooms in on wheel up and out on wheel down, symmetrically', () => {
    const up = wheelZoomFactor({ deltaY: -100, deltaMode: 0, ctrlKey: false })
    const down = wheelZoomFactor({ deltaY: 100, deltaMode: 0, ctrlKey: false })
    expect(up).toBeGreaterThan(1.1)
    expect(up).toBeLessThan(1.3)
    expect(up * down).toBeCloseTo(1, 12)
  })

  it('treats line deltas like pixels and a pinch (ctrl) as faster per pixel', () => {
    const lines = wheelZoomFactor({ deltaY: -3, deltaMode: 1, ctrlKey: false })
    expect(lines).toBeCloseTo(wheelZoomFactor({ deltaY: -99, deltaMode: 0, ctrlKey: false }), 12)
    const pinch = wheelZoomFactor({ deltaY: -10, deltaMode: 0, ctrlKey: true })
    expect(pinch).toBeGreaterThan(wheelZoomFactor({ deltaY: -10, deltaMode: 0, ctrlKey: false }))
  })

  it('limits one event’s zoom so a fast flick does not jump to the limit', () => {
    expect(wheelZoomFactor({ deltaY: -100000, deltaMode: 0, ctrlKey: true })).toBeLessThan(21)
  })
})
