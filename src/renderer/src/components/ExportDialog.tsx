import type { ReactElement } from 'react'
import { useEffect, useRef, useState } from 'react'
import type { ExportFormat, ExportOptions, ExportResult } from '../../../shared/domain/document'
import type { LucidApi } from '../../../shared/ipc/api'
import { exportDocument } from '../actions/document-actions'
import {
  EXPORT_FORMATS,
  FORMAT_LABELS,
  defaultExportOptions,
  loadExportOptions,
  normaliseExportOptions,
  saveExportOptions,
  supportsBitDepth,
  supportsQuality
} from '../actions/export-options'
import { formatBytes } from '../actions/format'
import { useEditor } from '../state/editor-store'
import { Choice, Slider } from './Controls'

const FORMAT_OPTIONS = EXPORT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))

/**
 * The export dialog (modal): format and its options, then main's save dialog. Shows where the
 * file went, or why it did not. The last options are remembered.
 */
export function ExportDialog({ api }: { api: LucidApi }): ReactElement | null {
  const open = useEditor((s) => s.exportOpen)
  const doc = useEditor((s) => s.doc)
  if (!open || !doc) return null
  return <ExportForm key={doc.id} api={api} hasAlpha={doc.info.hasAlpha} />
}

function ExportForm({ api, hasAlpha }: { api: LucidApi; hasAlpha: boolean }): ReactElement {
  const dialog = useRef<HTMLDialogElement>(null)
  const setOpen = useEditor((s) => s.setExportOpen)
  const busy = useEditor((s) => s.busy !== null)
  const notice = useEditor((s) => s.notice)
  const [options, setOptions] = useState<ExportOptions>(
    () => loadExportOptions(localStorage) ?? defaultExportOptions(hasAlpha)
  )
  const [result, setResult] = useState<ExportResult | null>(null)
  const [submitted, setSubmitted] = useState(false)

  // No cleanup: unmounting removes the element from the top layer, and closing it here would
  // queue a close event that shuts the dialog StrictMode has just reopened.
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const change = (patch: Partial<ExportOptions>): void => {
    setOptions((o) => normaliseExportOptions({ ...o, ...patch }))
    setResult(null)
  }

  const submit = async (): Promise<void> => {
    saveExportOptions(localStorage, options)
    setSubmitted(true)
    setResult(null)
    const exported = await exportDocument({ api, state: useEditor.getState }, options)
    setResult(exported)
  }

  const error = submitted && !busy && notice?.kind === 'error' ? notice.text : null
  const format = options.format
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="export-title"
      data-testid="export-dialog"
      onClose={() => setOpen(false)}
    >
      <form
        method="dialog"
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <h2 id="export-title" className="dialog-title">
          Export
        </h2>
        <Choice<ExportFormat>
          label="Format"
          value={format}
          options={FORMAT_OPTIONS}
          onChange={(f) => change({ format: f })}
          testId="export-format"
        />
        <Slider
          label="Quality"
          value={options.quality}
          min={1}
          max={100}
          onChange={(quality) => change({ quality })}
          testId="export-quality"
          disabled={!supportsQuality(format)}
        />
        <Choice<8 | 16>
          label="Bit depth"
          value={options.bitDepth}
          options={[
            { value: 8, label: '8 bits per channel' },
            { value: 16, label: '16 bits per channel' }
          ]}
          onChange={(bitDepth) => change({ bitDepth })}
          testId="export-bitdepth"
          disabled={!supportsBitDepth(format)}
        />
        <Choice<ExportOptions['colourProfile']>
          label="Colour profile"
          value={options.colourProfile}
          options={[
            { value: 'original', label: 'Keep original' },
            { value: 'srgb', label: 'Convert to sRGB' }
          ]}
          onChange={(colourProfile) => change({ colourProfile })}
          testId="export-profile"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={options.keepMetadata}
            data-testid="export-metadata"
            onChange={(event) => change({ keepMetadata: event.target.checked })}
          />
          Keep metadata (EXIF, camera, date)
        </label>
        {result ? (
          <p className="dialog-result" data-testid="export-result" title={result.path}>
            Saved {result.width}×{result.height}, {formatBytes(result.bytes)} to {result.path}
          </p>
        ) : null}
        {error ? (
          <p className="dialog-error" role="alert" data-testid="export-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="export-close"
            onClick={() => dialog.current?.close()}
          >
            {result ? 'Done' : 'Close'}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="export-submit"
            disabled={busy}
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
