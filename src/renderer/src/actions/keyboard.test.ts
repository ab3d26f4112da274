import { describe, expect, it } from 'vitest'
import { allActions } from './registry'
import { actionForKey, handledInRenderer, isTypingTarget } from './keyboard'
import './all'

const press = (
  key: string,
  mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey'>> = {},
  target: unknown = null
): KeyboardEvent =>
  ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    target,
    ...mods
  }) as unknown as KeyboardEvent

const browser = { isMac: false, nativeMenu: false }
const electron = { isMac: false, nativeMenu: true }

describe('keyboard dispatch', () => {
  it('maps the brief’s keys to actions in the browser build', () => {
    const name = (event: KeyboardEvent): string | undefined =>
      actionForKey(event, allActions(), browser)?.name
    expect(name(press('o', { ctrlKey: true }))).toBe('open')
    expect(name(press('E', { ctrlKey: true, shiftKey: true }))).toBe('export')
    expect(name(press('z', { ctrlKey: true }))).toBe('undo')
    expect(name(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(name(press('y', { ctrlKey: true }))).toBe('redo')
    expect(name(press('0', { ctrlKey: true }))).toBe('fit')
    expect(name(press('1', { ctrlKey: true }))).toBe('actualSize')
    expect(name(press('=', { ctrlKey: true }))).toBe('zoomIn')
    expect(name(press('+', { ctrlKey: true, shiftKey: true }))).toBe('zoomIn')
    expect(name(press('-', { ctrlKey: true }))).toBe('zoomOut')
    expect(name(press('c'))).toBe('toggleCompare')
    expect(name(press('m'))).toBe('toggleMask')
    expect(name(press('b'))).toBe('tool.brush')
    expect(name(press('e'))).toBe('tool.erase')
    expect(name(press('h'))).toBe('tool.hand')
    expect(name(press('Escape'))).toBe('cancelJob')
    expect(name(press('q'))).toBeUndefined()
  })

  it('leaves the native menu’s keys to the menu in Electron, and keeps the rest', () => {
    expect(actionForKey(press('z', { ctrlKey: true }), allActions(), electron)).toBeUndefined()
    expect(actionForKey(press('c'), allActions(), electron)).toBeUndefined()
    expect(actionForKey(press('b'), allActions(), electron)?.name).toBe('tool.brush')
    expect(handledInRenderer({ name: 'cancelJob' }, true)).toBe(true)
    expect(handledInRenderer({ name: 'undo' }, true)).toBe(false)
    expect(handledInRenderer({ name: 'undo' }, false)).toBe(true)
  })

  it('lets text fields keep their keys, but not sliders', () => {
    const text = { tagName: 'INPUT', type: 'text' }
    const slider = { tagName: 'INPUT', type: 'range' }
    expect(isTypingTarget(text)).toBe(true)
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(isTypingTarget(slider)).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
    expect(actionForKey(press('b', {}, text), allActions(), browser)).toBeUndefined()
    expect(actionForKey(press('b', {}, slider), allActions(), browser)?.name).toBe('tool.brush')
  })
})
