import { describe, expect, it } from 'vitest'
import { reflectIndex } from './reflect'

describe('reflectIndex', () => {
  it('keeps indices inside the image', () => {
    expect([0, 1, 2, 3, 4].map((i) => reflectIndex(i, 5))).toEqual([0, 1, 2, 3, 4])
  })

  it('mirrors about the edge sample without repeating it', () => {
    expect([-1, -2, -4].map((i) => reflectIndex(i, 5))).toEqual([1, 2, 4])
    expect([5, 6, 8].map((i) => reflectIndex(i, 5))).toEqual([3, 2, 0])
  })

  it('repeats the mirror for reads many times the image length', () => {
    const samples = Array.from({ length: 12 }, (_, i) => reflectIndex(i, 3))
    expect(samples).toEqual([0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1])
    expect([-5, -9, 13].map((i) => reflectIndex(i, 3))).toEqual([1, 1, 1])
  })

  it('reads the only sample of a one-pixel image', () => {
    expect([-3, 0, 1, 7].map((i) => reflectIndex(i, 1))).toEqual([0, 0, 0, 0])
  })
})
