import { beforeEach, describe, expect, it } from 'vitest'
import { EMPTY_MASK } from '../../../shared/domain/mask'
import { useMask } from './mask-store'

const stroke = {
  mode: 'paint' as const,
  size: 20,
  hardness: 1,
  opacity: 1,
  points: [[1, 2]] as [number, number][]
}

beforeEach(() => useMask.setState({ mask: EMPTY_MASK, version: 0, docId: null }))

describe('useMask.bindDocument', () => {
  it('keeps the mask for the same photo', () => {
    useMask.getState().bindDocument('a')
    useMask.getState().addStroke(stroke)
    useMask.getState().bindDocument('a')
    expect(useMask.getState().mask.strokes).toEqual([stroke])
  })

  it('clears the mask when another photo opens, and bumps the version', () => {
    useMask.getState().bindDocument('a')
    useMask.getState().addStroke(stroke)
    useMask.getState().invert()
    const version = useMask.getState().version
    useMask.getState().bindDocument('b')
    expect(useMask.getState().mask).toEqual(EMPTY_MASK)
    expect(useMask.getState().docId).toBe('b')
    expect(useMask.getState().version).toBeGreaterThan(version)
  })
})
