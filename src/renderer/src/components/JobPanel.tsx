import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { cancelJobAction } from '../actions/edit-actions'
import { formatEta, progressLabel } from '../actions/format'
import { useEditor } from '../state/editor-store'

/** The running job: what it does now, how far it is, the time left, and Cancel. */
export function JobPanel({ api }: { api: LucidApi }): ReactElement | null {
  const busy = useEditor((s) => s.busy)
  const job = useEditor((s) => s.job)
  const cancellable = useEditor(cancelJobAction.enabled)
  if (busy?.jobDocId === undefined) return null

  const fraction = job?.fraction ?? null
  return (
    <div
      className="job"
      data-testid="job-progress"
      role="progressbar"
      aria-label={busy.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      data-tiles-done={job?.tilesDone}
      data-tiles-total={job?.tilesTotal}
    >
      <div className="job-head">
        <span className="job-label">{busy.label}</span>
        <span className="job-percent">
          {fraction === null ? '' : `${Math.round(fraction * 100)} %`}
        </span>
      </div>
      <div className={`job-bar ${fraction === null ? 'job-bar-unknown' : ''}`}>
        <div className="job-bar-fill" style={{ width: `${(fraction ?? 0) * 100}%` }} />
      </div>
      <div className="job-foot">
        <span className="job-stage" data-testid="job-stage">
          {job ? progressLabel(job) : 'Starting…'}
        </span>
        <span className="job-eta" data-testid="job-eta">
          {formatEta(job?.etaSeconds ?? null)}
        </span>
      </div>
      <button
        type="button"
        className="button button-small job-cancel"
        data-testid="job-cancel"
        title="Cancel (Esc)"
        disabled={!cancellable}
        onClick={() => void cancelJobAction.perform({ api, state: useEditor.getState })}
      >
        Cancel
      </button>
    </div>
  )
}
