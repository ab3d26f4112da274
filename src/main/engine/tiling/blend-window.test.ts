import { describe, expect, it } from 'vitest'
import { planAxis } from './axis-plan'
import { axisWeights, raisedCosine } from './blend-window'

const geometry = { tileSize: 64, overlap: 16, divisibility: 1, fixedInput: false }
const plan = (imageLength: number) =>
  planAxis({ ...geometry, imageLength, region: { start: 0, end: imageLength } })

describe('raisedCosine', () => {
  it('rises from 0 to 1 with complementary halves', () => {
    expect(raisedCosine(0)).toBe(0)
    expect(raisedCosine(1)).toBeCloseTo(1, 12)
    expect(raisedCosine(0.5)).toBeCloseTo(0.5, 12)
    for (const t of [0.1, 0.27, 0.5, 0.83]) {
      expect(raisedCosine(t) + raisedCosine(1 - t)).toBeCloseTo(1, 12)
    }
  })
})

describe('axisWeights', () => {
  it.each([1, 2, 3, 4, 8])('sums neighbours to 1 across each overlap at scale %i', (scale) => {
    const spans = plan(300)
    for (let k = 1; k < spans.length; k += 1) {
      const left = spans[k - 1]!
      const right = spans[k]!
      const leftWeights = axisWeights(left, scale)
      const rightWeights = axisWeights(right, scale)
      for (let at = right.start * scale; at < (left.start + left.length) * scale; at += 1) {
        const sum = leftWeights[at - left.start * scale]! + rightWeights[at - right.start * scale]!
        expect(sum).toBeCloseTo(1, 6)
      }
    }
  })

  it('fades smoothly: strictly inside 0..1 across the fade and monotonic', () => {
    const [first, second] = plan(112)
    const rising = axisWeights(second!, 4).slice(0, 16 * 4)
    for (let i = 0; i < rising.length; i += 1) {
      expect(rising[i]).toBeGreaterThan(0)
      expect(rising[i]).toBeLessThan(1)
      if (i > 0) expect(rising[i]).toBeGreaterThan(rising[i - 1]!)
    }
    // The largest step between neighbouring pixels: a hard seam would be 1.
    const steps = Array.from(rising.slice(1), (w, i) => w - rising[i]!)
    expect(Math.max(...steps)).toBeLessThan(0.03)
    const falling = axisWeights(first!, 1)
    expect(Array.from(falling.slice(0, 48))).toEqual(new Array(48).fill(1))
  })

  it('gives full weight where a tile touches the image edge', () => {
    const spans = plan(300)
    const first = axisWeights(spans[0]!, 2)
    const last = axisWeights(spans.at(-1)!, 2)
    expect(first[0]).toBe(1)
    expect(last.at(-1)).toBe(1)
    expect(Array.from(axisWeights(plan(50)[0]!, 3))).toEqual(new Array(150).fill(1))
  })

  it('gives zero weight outside its fades, where the neighbour has taken over', () => {
    const spans = planAxis({
      ...geometry,
      overlap: 8,
      tileSize: 32,
      imageLength: 200,
      region: { start: 0, end: 200 }
    })
    // Evenly spread tiles share more than the overlap; the extra is context only.
    const middle = spans[1]!
    const weights = axisWeights(middle, 1)
    const firstWeighted = middle.fadeIn.start - middle.start
    expect(Array.from(weights.slice(0, firstWeighted))).toEqual(new Array(firstWeighted).fill(0))
  })
})
