import { describe, expect, it } from 'vitest'
import { DabWalker, dabSpacing } from './dab-walker'

describe('DabWalker', () => {
  it('puts a dab at the first point and then every `spacing` along the path', () => {
    const w = new DabWalker(2)
    expect(w.add({ x: 0, y: 0 })).toEqual([{ x: 0, y: 0 }])
    expect(w.add({ x: 5, y: 0 })).toEqual([
      { x: 2, y: 0 },
      { x: 4, y: 0 }
    ])
    // The remainder carries over the corner: the next dab is 1 further along.
    expect(w.add({ x: 5, y: 3 })).toEqual([
      { x: 5, y: 1 },
      { x: 5, y: 3 }
    ])
  })

  it('adds nothing for a step shorter than what is left to the next dab', () => {
    const w = new DabWalker(10)
    w.add({ x: 0, y: 0 })
    expect(w.add({ x: 3, y: 4 })).toEqual([])
    expect(w.add({ x: 6, y: 8 })).toEqual([{ x: 6, y: 8 }])
  })

  it('produces the same dabs however the path is split', () => {
    const whole = new DabWalker(1.5)
    whole.add({ x: 0, y: 0 })
    const once = whole.add({ x: 30, y: 0 })
    const pieces = new DabWalker(1.5)
    pieces.add({ x: 0, y: 0 })
    const many = [7, 13.3, 21, 30].flatMap((x) => pieces.add({ x, y: 0 }))
    expect(many.length).toBe(once.length)
    many.forEach((p, i) => expect(p.x).toBeCloseTo(once[i]!.x, 9))
  })

  it('rejects a spacing that would never advance', () => {
    expect(() => new DabWalker(0)).toThrow(/positive spacing/)
  })

  it('spaces dabs closer for small brushes but at least half a pixel', () => {
    expect(dabSpacing(100)).toBe(15)
    expect(dabSpacing(1)).toBe(0.5)
  })
})
