import { menuCommands } from '../../../shared/domain/document'
import type { Action } from './registry'
import { matchesShortcut } from './registry'

const menuNames: ReadonlySet<string> = new Set(menuCommands)

/**
 * Whether the renderer answers an action's keys itself. With a native menu (Electron) the menu
 * owns the keys of its commands and sends them as menu commands, so answering them here too
 * would run them twice; keys without a menu entry (tools, cancel) are always the renderer's.
 */
export function handledInRenderer(action: Pick<Action, 'name'>, nativeMenu: boolean): boolean {
  return !nativeMenu || !menuNames.has(action.name)
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password', 'tel'])

interface TargetLike {
  readonly tagName?: string
  readonly type?: string
  readonly isContentEditable?: boolean
}

/** Whether a key belongs to the field being typed in (a slider or checkbox does not type). */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false
  const element = target as TargetLike
  if (element.isContentEditable === true) return true
  const tag = element.tagName?.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  return tag === 'INPUT' && TEXT_INPUTS.has((element.type ?? 'text').toLowerCase())
}

/** The action a key press runs, if any. */
export function actionForKey(
  event: KeyboardEvent,
  actions: readonly Action[],
  options: { readonly isMac: boolean; readonly nativeMenu: boolean }
): Action | undefined {
  if (isTypingTarget(event.target)) return undefined
  return actions.find(
    (action) =>
      handledInRenderer(action, options.nativeMenu) &&
      action.shortcuts.some((s) => matchesShortcut(event, s, options.isMac))
  )
}
