import type { ReactElement, ReactNode } from 'react'
import { useState } from 'react'
import type {
  DeblurQuality,
  UPSCALE_FACTORS,
  UpscaleQuality
} from '../../../shared/domain/restoration'
import {
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_DENOISE_STRENGTH,
  DEFAULT_LOWLIGHT_STRENGTH,
  DEFAULT_UPSCALE_QUALITY,
  DEFAULT_UPSCALE_STRENGTH
} from '../../../shared/domain/tool-defaults'
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

/** Every tool's strength: how much of the model's result is applied (tool-defaults.ts). */
function StrengthSlider({
  tool,
  value,
  onChange
}: {
  tool: string
  value: number
  onChange: (value: number) => void
}): ReactElement {
  return (
    <Slider
      label="Strength"
      value={value}
      min={0.05}
      max={1}
      step={0.05}
      format={formatPercent}
      onChange={onChange}
      testId={`${tool}-strength`}
    />
  )
}

const DEBLUR_QUALITY_OPTIONS: readonly { value: DeblurQuality; label: string }[] = [
  { value: 'balanced', label: 'Balanced' },
  // Best averages several flipped passes (a self-ensemble): the estimate shows the cost.
  { value: 'best', label: 'Best' }
]

export function DeblurTool(props: ToolProps): ReactElement {
  const mask = useMask((s) => s.mask)
  const version = useMask((s) => s.version)
  const [scope, setScope] = useState<DeblurScope>('region')
  const [quality, setQuality] = useState<DeblurQuality>(DEFAULT_DEBLUR_QUALITY)
  const [strength, setStrength] = useState(DEFAULT_DEBLUR_STRENGTH)
  const empty = isEmptyMask(mask)
  const effective = effectiveScope(scope, mask)
  return (
    <Section title="Deblur" testId="tool-deblur">
      <RunRow
        {...props}
        tool="deblur"
        label="Deblur"
        request={deblurRequest(scope, mask, { strength, quality })}
        requestKey={`${effective === 'region' ? `region:${version}` : 'whole'}:${quality}:${strength}`}
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
        <Choice<DeblurQuality>
          label="Quality"
          value={quality}
          options={DEBLUR_QUALITY_OPTIONS}
          onChange={setQuality}
          testId="deblur-quality"
        />
        <StrengthSlider tool="deblur" value={strength} onChange={setStrength} />
      </RunRow>
    </Section>
  )
}

/** A tool whose one parameter is a strength (low-light, denoise). */
function StrengthTool({
  op,
  title,
  label,
  initial,
  ...props
}: ToolProps & {
  op: 'lowlight' | 'denoise'
  title: string
  label: string
  initial: number
}): ReactElement {
  const [strength, setStrength] = useState(initial)
  return (
    <Section title={title} testId={`tool-${op}`}>
      <RunRow
        {...props}
        tool={op}
        label={label}
        request={{ operation: { op, strength } }}
        requestKey={String(strength)}
      >
        <StrengthSlider tool={op} value={strength} onChange={setStrength} />
      </RunRow>
    </Section>
  )
}

export function LowlightTool(props: ToolProps): ReactElement {
  return (
    <StrengthTool
      {...props}
      op="lowlight"
      title="Low-light"
      label="Brighten"
      initial={DEFAULT_LOWLIGHT_STRENGTH}
    />
  )
}

const SCALES: readonly { value: Scale; label: string }[] = [
  { value: 2, label: '×2' },
  { value: 3, label: '×3' },
  { value: 4, label: '×4' },
  { value: 8, label: '×8' }
]

const UPSCALE_QUALITY_OPTIONS: readonly { value: UpscaleQuality; label: string }[] = [
  { value: 'fast', label: 'Fast' },
  { value: 'balanced', label: 'Balanced' },
  { value: 'best', label: 'Best' }
]

export function UpscaleTool(props: ToolProps): ReactElement {
  const [scale, setScale] = useState<Scale>(2)
  const [quality, setQuality] = useState<UpscaleQuality>(DEFAULT_UPSCALE_QUALITY)
  const [strength, setStrength] = useState(DEFAULT_UPSCALE_STRENGTH)
  const size = useEditor((s) => (s.doc ? `${s.doc.width * scale} × ${s.doc.height * scale}` : null))
  return (
    <Section title="Super-resolution" testId="tool-upscale">
      <RunRow
        {...props}
        tool="upscale"
        label="Upscale"
        request={{ operation: { op: 'upscale', scale, quality, strength } }}
        requestKey={`${scale}:${quality}:${strength}`}
      >
        <Choice<Scale>
          label="Scale"
          value={scale}
          options={SCALES}
          onChange={setScale}
          testId="upscale-scale"
        />
        <Choice<UpscaleQuality>
          label="Quality"
          value={quality}
          options={UPSCALE_QUALITY_OPTIONS}
          onChange={setQuality}
          testId="upscale-quality"
        />
        <StrengthSlider tool="upscale" value={strength} onChange={setStrength} />
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
  return (
    <StrengthTool
      {...props}
      op="denoise"
      title="Denoise"
      label="Denoise"
      initial={DEFAULT_DENOISE_STRENGTH}
    />
  )
}
