import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import type { Action } from '../actions/registry'
import { describeShortcut } from '../actions/registry'
import {
  actualSizeAction,
  autoLevelsAction,
  exportAction,
  fitAction,
  openAction,
  redoAction,
  undoAction
} from '../actions/document-actions'
import { useEditor } from '../state/editor-store'

function ActionButton({
  action,
  api,
  primary
}: {
  action: Action
  api: LucidApi
  primary?: boolean
}): ReactElement {
  const state = useEditor()
  const isMac = /mac/i.test(api.shell.platform)
  const shortcut = action.shortcuts[0]
  const title = shortcut ? `${action.label} (${describeShortcut(shortcut, isMac)})` : action.label
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      data-action={action.name}
      title={title}
      disabled={!action.enabled(state)}
      onClick={() => void action.perform({ api, state: useEditor.getState })}
    >
      {action.label}
    </button>
  )
}

export function Toolbar({ api }: { api: LucidApi }): ReactElement {
  const zoom = useEditor((s) => s.zoom)
  return (
    <header className="toolbar" role="toolbar" aria-label="Main">
      <div className="brand">Lucid</div>
      <div className="toolbar-group">
        <ActionButton action={openAction} api={api} />
        <ActionButton action={exportAction} api={api} />
      </div>
      <div className="toolbar-group">
        <ActionButton action={undoAction} api={api} />
        <ActionButton action={redoAction} api={api} />
      </div>
      <div className="toolbar-group">
        <ActionButton action={autoLevelsAction} api={api} primary />
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group" aria-label={`Zoom: ${zoom}`}>
        <ActionButton action={fitAction} api={api} />
        <ActionButton action={actualSizeAction} api={api} />
      </div>
    </header>
  )
}
