import { getPriority } from 'node:os'
import { describe, expect, it } from 'vitest'
import { lowerThreadPriority } from './thread-priority'

describe('lowerThreadPriority', () => {
  it('leaves the process alone where a priority applies to the whole app', () => {
    const before = getPriority()
    expect(lowerThreadPriority('darwin')).toBe(false)
    expect(lowerThreadPriority('win32')).toBe(false)
    expect(getPriority()).toBe(before)
  })
})
