import { describe, expect, it } from 'vitest'
import { bestAndMedian } from './run-stats'

describe('bestAndMedian', () => {
  it('takes the minimum and the middle value', () => {
    expect(bestAndMedian([3, 1, 2])).toEqual({ best: 1, median: 2 })
  })

  it('averages the two middle values of an even count', () => {
    expect(bestAndMedian([4, 1, 2, 3])).toEqual({ best: 1, median: 2.5 })
  })

  it('is NaN for no timings', () => {
    const { best, median } = bestAndMedian([])
    expect(best).toBeNaN()
    expect(median).toBeNaN()
  })
})
