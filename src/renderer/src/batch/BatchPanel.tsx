import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { formatEta } from '../actions/format'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'
import { controlBatch } from './batch-actions'
import { baseName, countText, summaryText } from './batch-reducer'

const STATE_LABELS = {
  running: 'Running',
  paused: 'Paused',
  cancelling: 'Cancelling…',
  done: 'Done',
  cancelled: 'Cancelled'
} as const

/**
 * The batch panel: overall progress, time left, the photos in flight, pause / resume /
 * cancel; at the end a summary with every failure, until dismissed. Also shows "Enhance" runs.
 */
export function BatchPanel({ api }: { api: LucidApi }): ReactElement | null {
  const run = useBatch((s) => s.run)
  if (!run) return null
  const { progress, summary } = run
  const context = { api, state: useEditor.getState }
  const percent = Math.round(progress.fraction * 100)
  const controllable = summary === null && run.batchId !== null
  return (
    <section
      className="batch-panel"
      aria-label={`${run.label} progress`}
      data-testid="batch-panel"
      data-state={progress.state}
    >
      <header className="batch-panel-head">
        <span className="batch-panel-title">{run.label}</span>
        <span className="batch-panel-state" data-testid="batch-state">
          {run.batchId === null && summary === null ? 'Starting…' : STATE_LABELS[progress.state]}
        </span>
      </header>
      <div
        className="batch-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="batch-progress"
      >
        <div className="batch-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="batch-counts">
        <span data-testid="batch-count">{countText(progress)}</span>
        {progress.failed > 0 ? (
          <span className="batch-failed" data-testid="batch-failed">
            {progress.failed} failed
          </span>
        ) : null}
        {summary === null ? (
          <span className="batch-eta" data-testid="batch-eta">
            {progress.state === 'paused' ? 'paused' : formatEta(progress.etaSeconds)}
          </span>
        ) : null}
      </div>
      {summary === null && run.current.length > 0 ? (
        <ul className="batch-current" data-testid="batch-current">
          {run.current.map((item) => (
            <li key={item.index} className="batch-current-item" data-testid="batch-current-item">
              <span className="batch-current-name" title={item.input}>
                {baseName(item.input)}
              </span>
              <span className="batch-current-fraction">
                {item.stage ? `${item.stage} · ` : ''}
                {Math.round(item.fraction * 100)}%
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {summary !== null ? (
        <>
          <p className="batch-summary" data-testid="batch-summary">
            {summaryText(summary)}
          </p>
          {summary.failed.length > 0 ? (
            <ul className="batch-failures">
              {summary.failed.map((f) => (
                <li key={f.index} className="batch-failure" data-testid="batch-failure">
                  <span className="batch-failure-name" title={f.input}>
                    {baseName(f.input)}
                  </span>
                  <span className="batch-failure-reason">{f.message}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <div className="batch-actions">
        {summary === null ? (
          <>
            {progress.state === 'paused' ? (
              <button
                type="button"
                className="button button-small"
                data-testid="batch-resume"
                disabled={!controllable}
                onClick={() => void controlBatch(context, 'resume')}
              >
                Resume
              </button>
            ) : (
              <button
                type="button"
                className="button button-small"
                data-testid="batch-pause"
                disabled={!controllable || progress.state === 'cancelling'}
                onClick={() => void controlBatch(context, 'pause')}
              >
                Pause
              </button>
            )}
            <button
              type="button"
              className="button button-small"
              data-testid="batch-cancel"
              disabled={!controllable || progress.state === 'cancelling'}
              onClick={() => void controlBatch(context, 'cancel')}
            >
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-small"
            data-testid="batch-dismiss"
            onClick={() => useBatch.getState().dispatch({ type: 'dismiss' })}
          >
            Dismiss
          </button>
        )}
      </div>
    </section>
  )
}
