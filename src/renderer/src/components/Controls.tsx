import type { ReactElement, ReactNode } from 'react'
import { useId } from 'react'
import type { EstimateState } from '../hooks/use-estimate'
import { estimateLabel, fallbackHint } from '../actions/format'

/** A labelled range slider that shows its value. */
export function Slider({
  label,
  value,
  min,
  max,
  step = 1,
  format = String,
  onChange,
  testId,
  disabled = false
}: {
  label: string
  value: number
  min: number
  max: number
  step?: number
  format?: (value: number) => string
  onChange: (value: number) => void
  testId: string
  disabled?: boolean
}): ReactElement {
  const id = useId()
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        <span>{label}</span>
        <output className="field-value" htmlFor={id}>
          {format(value)}
        </output>
      </label>
      <input
        id={id}
        className="slider"
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => onChange(Number(event.target.value))}
      />
    </div>
  )
}

/** A labelled select over a fixed set of values. */
export function Choice<T extends string | number>({
  label,
  value,
  options,
  onChange,
  testId,
  disabled = false
}: {
  label: string
  value: T
  options: readonly { readonly value: T; readonly label: string; readonly disabled?: boolean }[]
  onChange: (value: T) => void
  testId: string
  disabled?: boolean
}): ReactElement {
  const id = useId()
  return (
    <div className="field field-inline">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={String(value)}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => {
          const picked = options.find((o) => String(o.value) === event.target.value)
          if (picked) onChange(picked.value)
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The device and time a tool would take, shown before it runs. */
export function EstimateLine({
  tool,
  state
}: {
  tool: string
  state: EstimateState
}): ReactElement {
  let text = ''
  let hint: string | undefined
  if (state.kind === 'loading') text = 'Estimating…'
  if (state.kind === 'error') text = 'No estimate'
  if (state.kind === 'ready') {
    text = estimateLabel(state.estimate)
    hint = fallbackHint(state.estimate)
  }
  return (
    <div
      className="estimate"
      data-testid="estimate"
      data-tool={tool}
      data-state={state.kind}
      title={
        state.kind === 'error'
          ? state.message
          : state.kind === 'ready'
            ? state.estimate.fallbackReason
            : undefined
      }
    >
      <span>{text}</span>
      {hint ? <span className="estimate-hint">{hint}</span> : null}
    </div>
  )
}

/** A titled group of the tools panel, with a separator above it. */
export function Section({
  title,
  children,
  testId
}: {
  title: string
  children: ReactNode
  testId?: string
}): ReactElement {
  return (
    <section className="section" aria-label={title} data-testid={testId}>
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  )
}
