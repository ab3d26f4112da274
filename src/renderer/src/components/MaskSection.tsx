import type { ReactElement } from 'react'
import type { LucidApi } from '../../../shared/ipc/api'
import { isEmptyMask } from '../../../shared/domain/mask'
import type { Action } from '../actions/registry'
import { brushToolAction, eraseToolAction, handToolAction } from '../actions/view-actions'
import { formatPercent } from '../actions/format'
import { useEditor } from '../state/editor-store'
import { useMask } from '../state/mask-store'
import type { Tool } from '../state/view-store'
import { BRUSH_LIMITS, useView } from '../state/view-store'
import { Section, Slider } from './Controls'

const TOOLS: readonly { tool: Tool; action: Action; key: string }[] = [
  { tool: 'brush', action: brushToolAction, key: 'B' },
  { tool: 'erase', action: eraseToolAction, key: 'E' },
  { tool: 'hand', action: handToolAction, key: 'H' }
]

/** The brush that paints the region a masked deblur changes, and the mask's own controls. */
export function MaskSection({ api }: { api: LucidApi }): ReactElement {
  const hasDoc = useEditor((s) => s.doc !== null)
  const tool = useView((s) => s.tool)
  const brush = useView((s) => s.brush)
  const setBrush = useView((s) => s.setBrush)
  const maskVisible = useView((s) => s.maskVisible)
  const setMaskVisible = useView((s) => s.setMaskVisible)
  const mask = useMask((s) => s.mask)
  const invert = useMask((s) => s.invert)
  const clear = useMask((s) => s.clear)
  const empty = isEmptyMask(mask)

  return (
    <Section title="Mask" testId="mask-section">
      <div className="segmented" role="group" aria-label="Tool">
        {TOOLS.map(({ tool: t, action, key }) => (
          <button
            key={t}
            type="button"
            className="segment"
            aria-pressed={tool === t}
            data-testid={`tool-${t}`}
            title={`${action.label} (${key})`}
            disabled={!hasDoc}
            onClick={() => void action.perform({ api, state: useEditor.getState })}
          >
            {action.label}
          </button>
        ))}
      </div>
      <Slider
        label="Size"
        value={brush.size}
        min={BRUSH_LIMITS.minSize}
        max={1000}
        format={(v) => `${v} px`}
        onChange={(size) => setBrush({ size })}
        testId="brush-size"
      />
      <Slider
        label="Hardness"
        value={brush.hardness}
        min={0}
        max={1}
        step={0.05}
        format={formatPercent}
        onChange={(hardness) => setBrush({ hardness })}
        testId="brush-hardness"
      />
      <Slider
        label="Opacity"
        value={brush.opacity}
        min={0.05}
        max={1}
        step={0.05}
        format={formatPercent}
        onChange={(opacity) => setBrush({ opacity })}
        testId="brush-opacity"
      />
      <div className="row">
        <button
          type="button"
          className="button button-small"
          aria-pressed={mask.inverted}
          data-testid="mask-invert"
          disabled={!hasDoc}
          onClick={invert}
        >
          Invert
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="mask-clear"
          disabled={empty && mask.strokes.length === 0}
          onClick={clear}
        >
          Clear
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={maskVisible}
            data-testid="mask-visible"
            onChange={(event) => setMaskVisible(event.target.checked)}
          />
          Show overlay
        </label>
      </div>
      <p className="hint" data-testid="mask-status" data-empty={empty}>
        {empty ? 'Paint over the blurred area to deblur only that region.' : 'Region painted.'}
      </p>
    </Section>
  )
}
