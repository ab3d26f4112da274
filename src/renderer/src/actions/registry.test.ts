import { describe, expect, it } from 'vitest'
import { allActions, describeShortcut, matchesShortcut } from './registry'
import { menuCommands } from '../../../shared/domain/document'
import './all'

const key = (
  k: string,
  mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {}
): KeyboardEvent =>
  ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods
  }) as KeyboardEvent

describe('action registry', () => {
  it('registers each action once, with the platform shortcuts the brief names', () => {
    const byName = new Map(allActions().map((a) => [a.name, a]))
    expect([...byName.keys()].sort()).toEqual([
      'actualSize',
      'autoLevels',
      'batch.open',
      'cancelJob',
      'export',
      'fit',
      'gallery.clearSelection',
      'gallery.open',
      'gallery.selectAll',
      'open',
      'redo',
      'toggleCompare',
      'toggleMask',
      'tool.brush',
      'tool.erase',
      'tool.hand',
      'undo',
      'view.editor',
      'view.gallery',
      'zoomIn',
      'zoomOut'
    ])
    expect(byName.get('open')?.shortcuts).toContainEqual({ key: 'o', mod: true })
    expect(byName.get('export')?.shortcuts).toContainEqual({ key: 'e', mod: true, shift: true })
    expect(byName.get('redo')?.shortcuts).toEqual([
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true }
    ])
  })

  it('has an action for every command the native menu sends', () => {
    const names = new Set(allActions().map((a) => a.name))
    expect(menuCommands.filter((c) => !names.has(c))).toEqual([])
  })

  it('gives no two actions the same key, but Escape (cancel a job, clear the selection)', () => {
    // The window's key handler gives a shared key to the action that is enabled now.
    const shared = new Set(['cancelJob', 'gallery.clearSelection'])
    const keys = allActions()
      .filter((a) => !shared.has(a.name))
      .flatMap((a) =>
        a.shortcuts.map(
          (s) => `${s.mod ? 'mod+' : ''}${s.shift ? 'shift+' : ''}${s.key.toLowerCase()}`
        )
      )
    expect(keys.length).toBe(new Set(keys).size)
  })

  it('matches Ctrl on Windows/Linux and Cmd on macOS, with exact modifiers', () => {
    const undo = { key: 'z', mod: true }
    expect(matchesShortcut(key('z', { ctrlKey: true }), undo, false)).toBe(true)
    expect(matchesShortcut(key('z', { metaKey: true }), undo, false)).toBe(false)
    expect(matchesShortcut(key('z', { metaKey: true }), undo, true)).toBe(true)
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), undo, false)).toBe(false)
    expect(matchesShortcut(key('z', { ctrlKey: true, altKey: true }), undo, false)).toBe(false)
  })

  it('describes shortcuts per platform', () => {
    expect(describeShortcut({ key: 'e', mod: true, shift: true }, false)).toBe('Ctrl+Shift+E')
    expect(describeShortcut({ key: 'e', mod: true, shift: true }, true)).toBe('⇧⌘E')
  })
})
