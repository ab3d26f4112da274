import { describe, expect, it } from 'vitest'
import { mapBounded } from './bounded-map'

describe('mapBounded', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const result = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, n))
      running--
      return n * 10
    })
    expect(result).toEqual([50, 10, 40, 20, 30, 0])
    expect(most).toBe(2)
  })

  it('refuses a limit below one', async () => {
    await expect(mapBounded([1], 0, () => Promise.resolve(1))).rejects.toThrow(
      'Expected positive integer for limit but received 0'
    )
  })
})
