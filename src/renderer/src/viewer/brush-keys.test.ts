import { describe, expect, it } from 'vitest'
import { BRUSH_LIMITS } from '../state/view-store'
import { brushSizeForKey } from './brush-keys'

describe('brushSizeForKey', () => {
  it('shrinks by 0.8 with [ and grows by 1.25 with ]', () => {
    expect(brushSizeForKey('[', 100)).toBe(80)
    expect(brushSizeForKey(']', 100)).toBe(125)
    expect(brushSizeForKey(']', brushSizeForKey('[', 100) ?? 0)).toBe(100)
  })

  it('changes small sizes by at least a pixel', () => {
    expect(brushSizeForKey(']', 3)).toBe(4)
    expect(brushSizeForKey('[', 4)).toBe(3)
  })

  it('stays within the brush limits', () => {
    expect(brushSizeForKey('[', BRUSH_LIMITS.minSize)).toBe(BRUSH_LIMITS.minSize)
    expect(brushSizeForKey(']', BRUSH_LIMITS.maxSize)).toBe(BRUSH_LIMITS.maxSize)
  })

  it('ignores other keys', () => {
    expect(brushSizeForKey('a', 100)).toBeNull()
    expect(brushSizeForKey('{', 100)).toBeNull()
  })
})
