import type { ReactElement } from 'react'
import { useEditor } from '../state/editor-store'

export function StatusBar(): ReactElement {
  const busy = useEditor((s) => s.busy)
  const notice = useEditor((s) => s.notice)
  const notify = useEditor((s) => s.notify)
  const doc = useEditor((s) => s.doc)
  return (
    <footer className="status" aria-live="polite">
      {busy ? (
        <div className="status-busy" data-testid="busy">
          <span>{busy.label}…</span>
          <progress max={1} value={busy.fraction ?? undefined} />
        </div>
      ) : null}
      {notice ? (
        <div
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-kind={notice.kind}
        >
          <span data-testid={`notice-${notice.kind}`}>{notice.text}</span>
          <button
            type="button"
            className="notice-close"
            aria-label="Dismiss"
            onClick={() => notify(null)}
          >
            ×
          </button>
        </div>
      ) : null}
      <div className="toolbar-spacer" />
      {doc ? (
        <span className="status-doc">
          {doc.width}×{doc.height} px
        </span>
      ) : null}
    </footer>
  )
}
