import type { ReactElement, ReactNode } from 'react'
import { useState } from 'react'
import type { UPSCALE_FACTORS, UPSCALE_QUALITIES } from '../../../shared/domain/restoration'
import type { LucidApi } from '../../../shared/ipc/api'
import { isEmptyMask } from '../../../shared/domain/mask'
import type { DeblurScope, EditRequest } from '../actions/edit-actions'
import { applyEdit, canEdit, deblurRequest, effectiveScope } from '../actions/edit-actions'
import { formatPercent } from '../actions/format'
import { useEstimate } from '../hooks/use-estimate'
import { useEditor } from '../state/editor-store'
import { useMask } from '../state/mask-store'
import { Choice, EstimateLine, Section, Slider } from './Controls'

type Scale = (typeof UPSCALE_FACTORS)[number]
type Quality = (typeof UPSCALE_QUALITIES)[number]

interface ToolProps {
  readonly api: LucidApi
  /** Changes when the device setting does, so estimates follow it. */
  readonly deviceEpoch: number
}

/** A tool's estimate and its run button, below its parameters. */
function RunRow({
  api,
  deviceEpoch,
  tool,
  label,
  request,
  requestKey,
  children
}: ToolProps & {
  tool: string
  label: string
  request: EditRequest
  requestKey: string
  children?: ReactNode
}): ReactElement {
  const enabled = useEditor(canEdit)
  const estimate = useEstimate(api, request, requestKey, deviceEpoch)
  return (
    <>
      {children}
      <EstimateLine tool={tool} state={estimate} />
      <button
        type="button"
        className="button button-primary button-run"
        data-testid={`run-${tool}`}
        disabled={!enabled}
        onClick={() => void applyEdit({ api, state: useEditor.getState }, request)}
      >
        {label}
      </button>
    </>
  )
}

export function DeblurTool(props: ToolProps): ReactElement {
  const mask = useMask((s) => s.mask)
  const version = useMask((s) => s.version)
  const [scope, setScope] = useState<DeblurScope>('region')
  const empty = isEmptyMask(mask)
  const effective = effectiveScope(scope, mask)
  return (
    <Section title="Deblur" testId="tool-deblur">
      <RunRow
        {...props}
        tool="deblur"
        label="Deblur"
        request={deblurRequest(scope, mask)}
        requestKey={effective === 'region' ? `region:${version}` : 'whole'}
      >
        <Choice<DeblurScope>
          label="Apply to"
          value={effective}
          options={[
            { value: 'region', label: 'Painted region', disabled: empty },
            { value: 'whole', label: 'Whole image' }
          ]}
          onChange={setScope}
          testId="deblur-scope"
        />
      </RunRow>
    </Section>
  )
}

/** A tool whose one parameter is a strength (low-light, denoise). */
function StrengthTool({
  op,
  title,
  label,
  ...props
}: ToolProps & { op: 'lowlight' | 'denoise'; title: string; label: string }): ReactElement {
  const [strength, setStrength] = useState(1)
  return (
    <Section title={title} testId={`tool-${op}`}>
      <RunRow
        {...props}
        tool={op}
        label={label}
        request={{ operation: { op, strength } }}
        requestKey={String(strength)}
      >
        <Slider
          label="Strength"
          value={strength}
          min={0.05}
          max={1}
          step={0.05}
          format={formatPercent}
          onChange={setStrength}
          testId={`${op}-strength`}
        />
      </RunRow>
    </Section>
  )
}

export function LowlightTool(props: ToolProps): ReactElement {
  return <StrengthTool {...props} op="lowlight" title="Low-light" label="Brighten" />
}

const SCALES: readonly { value: Scale; label: string }[] = [
  { value: 2, label: '×2' },
  { value: 3, label: '×3' },
  { value: 4, label: '×4' },
  { value: 8, label: '×8' }
]

const QUALITIES: readonly { value: Quality; label: string }[] = [
  { value: 'fast', label: 'Fast' },
  { value: 'balanced', label: 'Balanced' },
  { value: 'best', label: 'Best' }
]

export function UpscaleTool(props: ToolProps): ReactElement {
  const [scale, setScale] = useState<Scale>(2)
  const [quality, setQuality] = useState<Quality>('balanced')
  const size = useEditor((s) => (s.doc ? `${s.doc.width * scale} × ${s.doc.height * scale}` : null))
  return (
    <Section title="Super-resolution" testId="tool-upscale">
      <RunRow
        {...props}
        tool="upscale"
        label="Upscale"
        request={{ operation: { op: 'upscale', scale, quality } }}
        requestKey={`${scale}:${quality}`}
      >
        <Choice<Scale>
          label="Scale"
          value={scale}
          options={SCALES}
          onChange={setScale}
          testId="upscale-scale"
        />
        <Choice<Quality>
          label="Quality"
          value={quality}
          options={QUALITIES}
          onChange={setQuality}
          testId="upscale-quality"
        />
        {size ? (
          <p className="hint" data-testid="upscale-size">
            Result {size} px
          </p>
        ) : null}
      </RunRow>
    </Section>
  )
}

export function DenoiseTool(props: ToolProps): ReactElement {
  return <StrengthTool {...props} op="denoise" title="Denoise" label="Denoise" />
}
