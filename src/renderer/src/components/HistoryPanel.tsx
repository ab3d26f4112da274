import type { ReactElement } from 'react'
import { useEditor } from '../state/editor-store'

/** The document's steps: applied ones, then the redo branch (dimmed). */
export function HistoryPanel(): ReactElement {
  const doc = useEditor((s) => s.doc)
  return (
    <aside className="panel" aria-label="History">
      <h2 className="panel-title">History</h2>
      {doc ? (
        <ol className="history" data-testid="history">
          <li className={`history-step ${doc.cursor === 0 ? 'history-current' : ''}`}>Original</li>
          {doc.steps.map((step, index) => (
            <li
              key={step.id}
              className={`history-step ${index < doc.cursor ? '' : 'history-redo'} ${index + 1 === doc.cursor ? 'history-current' : ''}`}
              data-testid="history-step"
              data-applied={index < doc.cursor}
            >
              {step.label}
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
          <dt>Format</dt>
          <dd>{doc.info.format.toUpperCase()}</dd>
        </dl>
      ) : null}
    </aside>
  )
}
