import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import type { Action } from '../actions/registry'
import { describeShortcut } from '../actions/registry'
import { exportAction, openAction } from '../actions/document-actions'
import {
  actualSizeAction,
  fitAction,
  toggleCompareAction,
  zoomInAction,
  zoomOutAction
} from '../actions/view-actions'
import { hasDoc } from '../actions/edit-actions'
import { galleryOpenAction, viewEditorAction, viewGalleryAction } from '../actions/gallery-actions'
import { useEditor } from '../state/editor-store'
import { useView } from '../state/view-store'

function ActionButton({
  action,
  api,
  testId,
  text,
  pressed
}: {
  action: Action
  api: LucidApi
  testId: string
  /** Shown instead of the label (which stays the accessible name). */
  text?: string
  pressed?: boolean
}): ReactElement {
  const enabled = useEditor(action.enabled)
  const isMac = /mac|darwin/i.test(api.shell.platform)
  const shortcut = action.shortcuts[0]
  const title = shortcut ? `${action.label} (${describeShortcut(shortcut, isMac)})` : action.label
  return (
    <button
      type="button"
      className="button"
      data-action={action.name}
      data-testid={testId}
      title={title}
      aria-label={text === undefined ? undefined : action.label}
      aria-pressed={pressed}
      disabled={!enabled}
      onClick={() => void action.perform({ api, state: useEditor.getState })}
    >
      {text ?? action.label}
    </button>
  )
}

/** The comparison that a released "Before" returns to (one button exists at a time). */
let previous: 'off' | 'split' = 'off'

/**
 * Shows the original while pressed (pointer, or Space/Enter held on the button), then returns to
 * the comparison that was on before.
 */
function BeforeButton(): ReactElement {
  const enabled = useEditor(hasDoc)
  const holding = useView((s) => s.compare === 'hold')
  const start = (): void => {
    const view = useView.getState()
    if (view.compare !== 'hold') {
      previous = view.compare
      view.setCompare('hold')
    }
  }
  const end = (): void => {
    if (useView.getState().compare === 'hold') useView.getState().setCompare(previous)
  }
  return (
    <button
      type="button"
      className="button"
      data-testid="before-hold"
      title="Show the original while held"
      aria-pressed={holding}
      disabled={!enabled}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId)
        start()
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={(event) => {
        if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) start()
      }}
      onKeyUp={(event) => {
        if (event.key === ' ' || event.key === 'Enter') end()
      }}
      onBlur={end}
    >
      Before
    </button>
  )
}

export function Toolbar({ api }: { api: LucidApi }): ReactElement {
  const comparing = useView((s) => s.compare === 'split')
  const view = useEditor((s) => s.view)
  return (
    <header className="toolbar" role="toolbar" aria-label="Main">
      <div className="brand">Lucid</div>
      <div className="toolbar-group segmented-view" aria-label="View">
        <ActionButton
          action={viewEditorAction}
          api={api}
          testId="view-editor"
          pressed={view === 'editor'}
        />
        <ActionButton
          action={viewGalleryAction}
          api={api}
          testId="view-gallery"
          pressed={view === 'gallery'}
        />
      </div>
      <div className="toolbar-divider" />
      <div className="toolbar-group">
        <ActionButton action={openAction} api={api} testId="open" />
        <ActionButton action={galleryOpenAction} api={api} testId="gallery-open" />
        <ActionButton action={exportAction} api={api} testId="export-open" />
      </div>
      <div className="toolbar-divider" />
      <div className="toolbar-group">
        <ActionButton
          action={toggleCompareAction}
          api={api}
          testId="compare-toggle"
          pressed={comparing}
        />
        <BeforeButton />
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group" aria-label="Zoom">
        <ActionButton action={zoomOutAction} api={api} testId="zoom-out" text="−" />
        <ActionButton action={zoomInAction} api={api} testId="zoom-in" text="+" />
        <ActionButton action={fitAction} api={api} testId="zoom-fit" />
        <ActionButton action={actualSizeAction} api={api} testId="zoom-actual" />
      </div>
    </header>
  )
}
