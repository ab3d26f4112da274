import type { BatchOutputSettings, RecipePreset } from '../../../shared/domain/batch'
import { BatchOutputSettingsSchema, nameTemplateProblem } from '../../../shared/domain/batch'
import { formatRecipe, parseRecipe } from '../../../shared/domain/recipe'

/**
 * The batch dialog's rules: validating what the person typed, turning the form into a
 * batch:start request, and remembering the last output settings and recipe (which the
 * drag-and-drop "Enhance" target applies too).
 */

/** Applied by "Enhance" until the person has chosen a recipe: gentle and fast on any photo. */
export const DEFAULT_RECIPE = 'denoise:0.5'

export type BatchFormat = BatchOutputSettings['format']
export const BATCH_FORMATS: readonly BatchFormat[] = [
  'original',
  'jpeg',
  'png',
  'webp',
  'tiff',
  'avif'
]

export interface BatchForm {
  /** Apply each photo's own saved edit history instead of a recipe. */
  readonly useHistory: boolean
  readonly recipe: string
  /** The output settings; `folder` is '' until one is chosen. */
  readonly output: BatchOutputSettings
}

export interface BatchFormProblems {
  readonly recipe: string | null
  readonly folder: string | null
  readonly template: string | null
}

/** Why recipe text cannot run, or null when it parses. */
export function recipeProblem(text: string): string | null {
  const parsed = parseRecipe(text)
  return parsed.ok ? null : parsed.message
}

/** The recipe in its normal form (as presets store it), or null when it does not parse. */
export function normaliseRecipe(text: string): string | null {
  const parsed = parseRecipe(text)
  return parsed.ok ? formatRecipe(parsed.recipe) : null
}

/** The preset whose recipe is the same as `text` (after normalising both), if any. */
export function presetFor(presets: readonly RecipePreset[], text: string): RecipePreset | null {
  const normal = normaliseRecipe(text)
  if (normal === null) return null
  return presets.find((p) => normaliseRecipe(p.recipe) === normal) ?? null
}

/** What the "Enhance" target says it applies: the preset's name, else the recipe itself. */
export function recipeLabel(presets: readonly RecipePreset[], text: string): string {
  return presetFor(presets, text)?.name ?? text
}

export function formProblems(form: BatchForm): BatchFormProblems {
  return {
    recipe: form.useHistory ? null : recipeProblem(form.recipe),
    folder: form.output.folder.trim() === '' ? 'Choose a folder for the results' : null,
    template: nameTemplateProblem(form.output.nameTemplate)
  }
}

export function canStart(form: BatchForm): boolean {
  const problems = formProblems(form)
  return problems.recipe === null && problems.folder === null && problems.template === null
}

/** The quality setting only matters where the output may be lossy. */
export function usesQuality(format: BatchFormat): boolean {
  return format === 'original' || format === 'jpeg' || format === 'webp' || format === 'avif'
}

export interface StartRequest {
  readonly galleryId: string
  readonly itemIds: string[]
  readonly recipe: { kind: 'recipe'; text: string } | { kind: 'history' }
  readonly output: BatchOutputSettings
}

/** The batch:start request for a valid form, or null when the form has a problem. */
export function startRequest(
  form: BatchForm,
  galleryId: string,
  itemIds: readonly string[]
): StartRequest | null {
  if (!canStart(form) || itemIds.length === 0) return null
  const recipe = form.useHistory
    ? { kind: 'history' as const }
    : { kind: 'recipe' as const, text: normaliseRecipe(form.recipe) ?? form.recipe }
  return { galleryId, itemIds: [...itemIds], recipe, output: form.output }
}

const OUTPUT_KEY = 'lucid.batch-output'
const RECIPE_KEY = 'lucid.batch-recipe'

export function defaultOutput(): BatchOutputSettings {
  // The schema gives the defaults but wants a folder; the form starts without one.
  return { ...BatchOutputSettingsSchema.parse({ folder: '-' }), folder: '' }
}

/**
 * The last output settings, or the defaults. "Overwrite" is never remembered: replacing files
 * is confirmed each time it is chosen.
 */
export function loadOutput(storage: Pick<Storage, 'getItem'>): BatchOutputSettings {
  try {
    const raw = storage.getItem(OUTPUT_KEY)
    if (raw !== null) {
      const parsed = BatchOutputSettingsSchema.safeParse(JSON.parse(raw))
      if (parsed.success) {
        return parsed.data.onExist === 'overwrite'
          ? { ...parsed.data, onExist: 'unique' }
          : parsed.data
      }
    }
  } catch {
    // Unreadable settings fall back to the defaults.
  }
  return defaultOutput()
}

export function saveOutput(storage: Pick<Storage, 'setItem'>, output: BatchOutputSettings): void {
  try {
    storage.setItem(OUTPUT_KEY, JSON.stringify(output))
  } catch {
    // A full or disabled storage only costs the remembered choice.
  }
}

/** The last recipe used or picked (valid), else the default. */
export function loadRecipe(storage: Pick<Storage, 'getItem'>): string {
  try {
    const raw = storage.getItem(RECIPE_KEY)
    if (raw !== null && recipeProblem(raw) === null) return raw
  } catch {
    // As above.
  }
  return DEFAULT_RECIPE
}

export function saveRecipe(storage: Pick<Storage, 'setItem'>, recipe: string): void {
  try {
    if (recipeProblem(recipe) === null) storage.setItem(RECIPE_KEY, recipe)
  } catch {
    // As above.
  }
}
