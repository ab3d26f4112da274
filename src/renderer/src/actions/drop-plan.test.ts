import { describe, expect, it } from 'vitest'
import type { Dropped } from './drop-plan'
import { MAX_ENHANCE_BYTES_FILES, planEnhance, planOpen } from './drop-plan'

const file = (name: string, path: string | null = null): Dropped => ({
  name,
  path,
  isDirectory: false
})
const folder = (name: string, path: string | null = null): Dropped => ({
  name,
  path,
  isDirectory: true
})

describe('opening a drop', () => {
  it('opens one file in the editor, whatever its name (the editor says why it cannot)', () => {
    expect(planOpen([file('beach.png')])).toEqual({ kind: 'editor', index: 0 })
    expect(planOpen([file('notes.txt')])).toEqual({ kind: 'editor', index: 0 })
  })

  it('opens several photos with paths as a gallery, ignoring other files', () => {
    expect(
      planOpen([file('a.jpg', '/p/a.jpg'), file('x.txt', '/p/x.txt'), file('b.png', '/p/b.png')])
    ).toEqual({ kind: 'files', paths: ['/p/a.jpg', '/p/b.png'] })
    expect(planOpen([file('x.txt', '/x.txt'), file('b.png', '/b.png')])).toEqual({
      kind: 'editor',
      index: 1
    })
  })

  it('opens a folder as a gallery where its path is known', () => {
    expect(planOpen([folder('Trip', '/p/Trip')])).toEqual({ kind: 'folder', path: '/p/Trip' })
    expect(planOpen([folder('Trip')]).kind).toBe('nothing')
  })

  it('without paths opens the first of several photos and says why', () => {
    const plan = planOpen([file('a.jpg'), file('b.jpg')])
    expect(plan).toMatchObject({ kind: 'editor', index: 0 })
    expect(plan.kind === 'editor' && plan.note).toMatch(/desktop app/)
  })
})

describe('enhancing a drop', () => {
  it('sends paths when every photo has one', () => {
    expect(planEnhance([file('a.jpg', '/p/a.jpg'), file('b.png', '/p/b.png')])).toEqual({
      kind: 'paths',
      paths: ['/p/a.jpg', '/p/b.png']
    })
  })

  it('sends bytes without paths, at most the contract’s limit', () => {
    expect(planEnhance([file('a.jpg'), file('n.txt'), file('b.png')])).toEqual({
      kind: 'bytes',
      indices: [0, 2]
    })
    const many = Array.from({ length: 60 }, (_, i) => file(`${i}.jpg`))
    const plan = planEnhance(many)
    expect(plan.kind === 'bytes' && plan.indices.length).toBe(MAX_ENHANCE_BYTES_FILES)
    expect(plan.kind === 'bytes' && plan.note).toMatch(/first 50/)
  })

  it('refuses folders and non-photos', () => {
    expect(planEnhance([folder('Trip', '/p/Trip')])).toMatchObject({ kind: 'nothing' })
    expect(planEnhance([file('x.txt', '/x.txt')])).toMatchObject({
      kind: 'nothing',
      message: 'None of the dropped files is a photo'
    })
  })
})
