import type { LucidApi } from '../../../shared/ipc/api'
import type { EditorState } from '../state/editor-store'

/** A key combination; `mod` is Cmd on macOS and Ctrl elsewhere. */
export interface Shortcut {
  readonly key: string
  readonly mod?: boolean
  readonly shift?: boolean
}

export interface ActionContext {
  readonly api: LucidApi
  readonly state: () => EditorState
}

export interface Action {
  readonly name: string
  readonly label: string
  readonly shortcuts: readonly Shortcut[]
  readonly enabled: (state: EditorState) => boolean
  readonly perform: (context: ActionContext) => Promise<void>
}

/** User actions, registered in one place and run the same way from buttons, keys and menus. */
const actions = new Map<string, Action>()

export function register(action: Action): Action {
  if (actions.has(action.name)) throw new Error(`Action ${action.name} registered twice`)
  actions.set(action.name, action)
  return action
}

export function getAction(name: string): Action | undefined {
  return actions.get(name)
}

export function allActions(): Action[] {
  return [...actions.values()]
}

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut, isMac: boolean): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    mod === (shortcut.mod ?? false) &&
    event.shiftKey === (shortcut.shift ?? false) &&
    !event.altKey
  )
}

/** "Ctrl+Shift+E" / "⇧⌘E" for tooltips. */
export function describeShortcut(shortcut: Shortcut, isMac: boolean): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key
  if (isMac) return `${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`
  return [shortcut.mod ? 'Ctrl' : '', shortcut.shift ? 'Shift' : '', key].filter(Boolean).join('+')
}
