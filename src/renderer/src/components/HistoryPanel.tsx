import type { KeyboardEvent, ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import type { Action } from '../actions/registry'
import { describeShortcut } from '../actions/registry'
import { redoAction, undoAction } from '../actions/document-actions'
import { jumpTo } from '../actions/edit-actions'
import { historyRows } from '../actions/history-rows'
import { useEditor } from '../state/editor-store'

function HistoryButton({ action, api }: { action: Action; api: LucidApi }): ReactElement {
  const enabled = useEditor(action.enabled)
  const isMac = /mac|darwin/i.test(api.shell.platform)
  const shortcut = action.shortcuts[0]
  return (
    <button
      type="button"
      className="button button-small"
      data-action={action.name}
      data-testid={action.name}
      title={shortcut ? `${action.label} (${describeShortcut(shortcut, isMac)})` : action.label}
      disabled={!enabled}
      onClick={() => void action.perform({ api, state: useEditor.getState })}
    >
      {action.label}
    </button>
  )
}

/**
 * The document's history: the original, the applied steps, the current one highlighted and the
 * redo branch dimmed. Choosing a row moves the document there. Rows are listbox options, not
 * buttons, so a step called "Auto levels" is not a second "Auto levels" button.
 */
export function HistoryPanel({ api }: { api: LucidApi }): ReactElement {
  const doc = useEditor((s) => s.doc)
  const idle = useEditor((s) => s.busy === null)
  const go = (cursor: number): void => {
    if (idle) void jumpTo({ api, state: useEditor.getState }, cursor)
  }
  const onKey = (event: KeyboardEvent, cursor: number): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      go(cursor)
    }
  }

  return (
    <aside className="panel panel-history" aria-label="History">
      <div className="panel-head">
        <h2 className="panel-title">History</h2>
        <div className="row">
          <HistoryButton action={undoAction} api={api} />
          <HistoryButton action={redoAction} api={api} />
        </div>
      </div>
      {doc ? (
        <ol className="history" data-testid="history" role="listbox" aria-label="Steps">
          {historyRows(doc).map((row) => (
            <li
              key={row.stepId}
              role="option"
              aria-selected={row.state === 'current'}
              aria-disabled={!idle}
              tabIndex={0}
              className={`history-row history-${row.state}`}
              data-testid={row.cursorIndex === 0 ? 'history-original' : 'history-step'}
              data-cursor-index={row.cursorIndex}
              data-current={row.state === 'current' ? 'true' : undefined}
              data-applied={row.cursorIndex === 0 ? undefined : row.state !== 'redo'}
              data-masked={row.masked || undefined}
              title={row.masked ? `${row.label} (painted region)` : row.label}
              onClick={() => go(row.cursorIndex)}
              onKeyDown={(event) => onKey(event, row.cursorIndex)}
            >
              <img
                className="history-thumb"
                src={api.shell.imageUrl({ kind: 'thumb', docId: doc.id, stepId: row.stepId })}
                alt=""
                loading="lazy"
                draggable={false}
              />
              <span className="history-label">{row.label}</span>
              {row.masked ? (
                <span className="history-mask" role="img" aria-label="painted region" />
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="panel-empty">No photo open</p>
      )}
      {doc ? (
        <dl className="info">
          <dt>File</dt>
          <dd title={doc.name}>{doc.name}</dd>
          <dt>Size</dt>
          <dd>
            {doc.info.width} × {doc.info.height}
          </dd>
          {doc.width !== doc.info.width || doc.height !== doc.info.height ? (
            <>
              <dt>Result</dt>
              <dd data-testid="result-size">
                {doc.width} × {doc.height}
              </dd>
            </>
          ) : null}
          <dt>Format</dt>
          <dd>{doc.info.format.toUpperCase()}</dd>
        </dl>
      ) : null}
    </aside>
  )
}
