import type { ReactElement } from 'react'
import { useEffect, useRef, useState } from 'react'
import type { ExistPolicy } from '../../../shared/domain/batch'
import type { LucidApi } from '../../../shared/ipc/api'
import { Choice, Slider } from '../components/Controls'
import { useBatch } from '../state/batch-store'
import { useEditor } from '../state/editor-store'
import { shownItems, useGallery } from '../state/gallery-store'
import { selectedInOrder } from '../gallery/selection'
import { startBatch } from './batch-actions'
import type { BatchForm, BatchFormat } from './batch-settings'
import {
  BATCH_FORMATS,
  formProblems,
  loadOutput,
  normaliseRecipe,
  presetFor,
  saveOutput,
  startRequest,
  usesQuality
} from './batch-settings'

const FORMAT_OPTIONS = BATCH_FORMATS.map((f) => ({
  value: f,
  label: f === 'original' ? 'Same as the original' : f.toUpperCase()
}))

const EXIST_OPTIONS: readonly { value: ExistPolicy; label: string }[] = [
  { value: 'unique', label: 'Keep both (new name)' },
  { value: 'skip', label: 'Skip the photo' },
  { value: 'overwrite', label: 'Replace the file' }
]

/** The batch dialog (modal): a recipe or each photo's history, where and how to write. */
export function BatchDialog({ api }: { api: LucidApi }): ReactElement | null {
  const open = useBatch((s) => s.dialogOpen)
  const galleryId = useGallery((s) => s.gallery?.id)
  if (!open || !galleryId) return null
  return <BatchFormView key={galleryId} api={api} galleryId={galleryId} />
}

function BatchFormView({ api, galleryId }: { api: LucidApi; galleryId: string }): ReactElement {
  const dialog = useRef<HTMLDialogElement>(null)
  const presets = useBatch((s) => s.presets)
  const count = useGallery((s) => s.selection.ids.size)
  const [form, setForm] = useState<BatchForm>(() => ({
    useHistory: false,
    recipe: useBatch.getState().recipe,
    output: loadOutput(localStorage)
  }))
  const [overwriteConfirmed, setOverwriteConfirmed] = useState(false)
  const [presetName, setPresetName] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)

  // As in the export dialog: no cleanup, unmounting takes the dialog out of the top layer.
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const problems = formProblems(form)
  const output = form.output
  const needsConfirm = output.onExist === 'overwrite' && !overwriteConfirmed
  const ready =
    problems.recipe === null &&
    problems.folder === null &&
    problems.template === null &&
    !needsConfirm &&
    !starting
  const preset = presetFor(presets, form.recipe)
  const change = (patch: Partial<BatchForm['output']>): void =>
    setForm((f) => ({ ...f, output: { ...f.output, ...patch } }))

  const chooseFolder = async (): Promise<void> => {
    const result = await api.batch.chooseFolder()
    if (!result.ok) setError(result.error.message)
    else if (result.value) change({ folder: result.value.path })
  }

  const savePreset = async (): Promise<void> => {
    const name = presetName?.trim() ?? ''
    const recipe = normaliseRecipe(form.recipe)
    if (!name || recipe === null) return
    const result = await api.presets.save({ name, recipe })
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    useBatch.getState().setPresets(result.value)
    setPresetName(null)
  }

  const submit = async (): Promise<void> => {
    const gallery = useGallery.getState()
    const itemIds = selectedInOrder(
      gallery.selection,
      shownItems(gallery).map((i) => i.id)
    )
    const request = startRequest(form, galleryId, itemIds)
    if (!request || needsConfirm) return
    saveOutput(localStorage, request.output)
    if (request.recipe.kind === 'recipe') useBatch.getState().setRecipe(request.recipe.text)
    setStarting(true)
    setError(null)
    const started = await startBatch({ api, state: useEditor.getState }, request)
    setStarting(false)
    if (started) dialog.current?.close()
    else setError(useEditor.getState().notice?.text ?? 'The batch did not start')
  }

  return (
    <dialog
      ref={dialog}
      className="dialog batch-dialog"
      aria-labelledby="batch-title"
      data-testid="batch-dialog"
      onClose={() => useBatch.getState().setDialogOpen(false)}
    >
      <form
        method="dialog"
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <h2 id="batch-title" className="dialog-title">
          Batch {count} {count === 1 ? 'photo' : 'photos'}
        </h2>
        <label className="check">
          <input
            type="checkbox"
            checked={form.useHistory}
            data-testid="batch-use-history"
            onChange={(event) => setForm((f) => ({ ...f, useHistory: event.target.checked }))}
          />
          Apply each photo’s own edit history
        </label>
        <fieldset className="batch-recipe" disabled={form.useHistory}>
          <Choice<string>
            label="Preset"
            value={preset?.name ?? ''}
            options={[
              { value: '', label: 'Custom recipe' },
              ...presets.map((p) => ({ value: p.name, label: p.name }))
            ]}
            onChange={(name) => {
              const chosen = presets.find((p) => p.name === name)
              if (chosen) setForm((f) => ({ ...f, recipe: chosen.recipe }))
            }}
            testId="batch-preset"
          />
          <label className="field-label" htmlFor="batch-recipe">
            Recipe
          </label>
          <input
            id="batch-recipe"
            className="input"
            type="text"
            spellCheck={false}
            placeholder="lowlight:0.8,denoise:0.5,upscale:2"
            data-testid="batch-recipe"
            aria-invalid={problems.recipe !== null}
            value={form.recipe}
            onChange={(event) => setForm((f) => ({ ...f, recipe: event.target.value }))}
          />
          {problems.recipe !== null ? (
            <p className="dialog-error" data-testid="batch-recipe-error">
              {problems.recipe}
            </p>
          ) : null}
          {presetName === null ? (
            <button
              type="button"
              className="button button-small"
              data-testid="batch-save-preset"
              disabled={problems.recipe !== null}
              onClick={() => setPresetName(preset?.name ?? '')}
            >
              Save as preset…
            </button>
          ) : (
            <div className="batch-row">
              <input
                className="input"
                type="text"
                placeholder="Preset name"
                aria-label="Preset name"
                maxLength={80}
                data-testid="batch-preset-name"
                value={presetName}
                onChange={(event) => setPresetName(event.target.value)}
              />
              <button
                type="button"
                className="button button-small"
                data-testid="batch-preset-confirm"
                disabled={presetName.trim() === '' || problems.recipe !== null}
                onClick={() => void savePreset()}
              >
                Save
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setPresetName(null)}
              >
                Cancel
              </button>
            </div>
          )}
        </fieldset>
        <span className="field-label">Output folder</span>
        <div className="batch-row">
          <output className="batch-folder" data-testid="batch-folder" title={output.folder}>
            {output.folder || 'No folder chosen'}
          </output>
          <button
            type="button"
            className="button button-small"
            data-testid="batch-choose-folder"
            onClick={() => void chooseFolder()}
          >
            Choose…
          </button>
        </div>
        <label className="field-label" htmlFor="batch-template">
          File names
        </label>
        <input
          id="batch-template"
          className="input"
          type="text"
          spellCheck={false}
          data-testid="batch-template"
          aria-invalid={problems.template !== null}
          value={output.nameTemplate}
          onChange={(event) => change({ nameTemplate: event.target.value })}
        />
        {problems.template !== null ? (
          <p className="dialog-error" data-testid="batch-template-error">
            {problems.template}
          </p>
        ) : null}
        <Choice<BatchFormat>
          label="Format"
          value={output.format}
          options={FORMAT_OPTIONS}
          onChange={(format) => change({ format })}
          testId="batch-format"
        />
        <Slider
          label="Quality"
          value={output.quality}
          min={1}
          max={100}
          onChange={(quality) => change({ quality })}
          testId="batch-quality"
          disabled={!usesQuality(output.format)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={output.keepMetadata}
            data-testid="batch-metadata"
            onChange={(event) => change({ keepMetadata: event.target.checked })}
          />
          Keep metadata (EXIF, camera, date)
        </label>
        <Choice<ExistPolicy>
          label="If a file exists"
          value={output.onExist}
          options={EXIST_OPTIONS}
          onChange={(onExist) => {
            setOverwriteConfirmed(false)
            change({ onExist })
          }}
          testId="batch-on-exist"
        />
        {output.onExist === 'overwrite' ? (
          <label className="check batch-warning">
            <input
              type="checkbox"
              checked={overwriteConfirmed}
              data-testid="batch-overwrite-confirm"
              onChange={(event) => setOverwriteConfirmed(event.target.checked)}
            />
            Yes, replace existing files in the output folder
          </label>
        ) : null}
        {error !== null ? (
          <p className="dialog-error" role="alert" data-testid="batch-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="batch-dialog-cancel"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="batch-start"
            disabled={!ready}
            title={problems.folder ?? undefined}
          >
            {starting ? 'Starting…' : 'Start'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
