import type { CSSProperties, KeyboardEvent, PointerEvent, ReactElement } from 'react'
import type { CompareMode } from '../state/view-store'
import { useView } from '../state/view-store'

/**
 * Before / after: the original drawn over the result, either whole (`hold`) or left of a
 * draggable split line (`split`). The original is laid out with the same stage transform as
 * the result, so both line up at every zoom, even after an upscale changed the result's size.
 */
export function CompareLayer({
  mode,
  split,
  originalUrl,
  stageStyle
}: {
  mode: CompareMode
  split: number
  originalUrl: string
  stageStyle: CSSProperties
}): ReactElement | null {
  if (mode === 'off') return null
  const clip = mode === 'split' ? `inset(0 ${(1 - split) * 100}% 0 0)` : undefined

  const drag = (event: PointerEvent<HTMLElement>): void => {
    const parent = event.currentTarget.parentElement
    if (!parent || !event.currentTarget.hasPointerCapture(event.pointerId)) return
    const box = parent.getBoundingClientRect()
    useView.getState().setSplit((event.clientX - box.left) / box.width)
  }
  const nudge = (event: KeyboardEvent<HTMLElement>): void => {
    const step = event.shiftKey ? 0.1 : 0.02
    if (event.key === 'ArrowLeft') useView.getState().setSplit(split - step)
    else if (event.key === 'ArrowRight') useView.getState().setSplit(split + step)
  }

  return (
    <div className="compare" data-testid="compare" data-mode={mode}>
      <div className="compare-before" style={{ clipPath: clip }}>
        <div className="viewer-stage" style={stageStyle}>
          <img
            className="viewer-layer"
            data-testid="photo-original"
            src={originalUrl}
            alt="Original"
            draggable={false}
          />
        </div>
      </div>
      <span className="compare-label compare-label-before">Before</span>
      {mode === 'split' ? (
        <>
          <span className="compare-label compare-label-after">After</span>
          <div
            className="compare-split"
            data-testid="compare-split"
            role="slider"
            aria-label="Before and after split"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(split * 100)}
            tabIndex={0}
            style={{ left: `${split * 100}%` }}
            onPointerDown={(event) => {
              event.stopPropagation()
              event.currentTarget.setPointerCapture(event.pointerId)
            }}
            onPointerMove={(event) => {
              event.stopPropagation()
              drag(event)
            }}
            onPointerUp={(event) => event.stopPropagation()}
            onKeyDown={nudge}
          >
            <div className="compare-grip" />
          </div>
        </>
      ) : null}
    </div>
  )
}
