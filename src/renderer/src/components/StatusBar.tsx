import type { ReactElement } from 'react'
import { useEditor } from '../state/editor-store'

export function StatusBar(): ReactElement {
  const busy = useEditor((s) => s.busy)
  const notice = useEditor((s) => s.notice)
  const notify = useEditor((s) => s.notify)
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
          data-testid={`notice-${notice.kind}`}
        >
          <span>{notice.text}</span>
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
    </footer>
  )
}
