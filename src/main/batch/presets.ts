import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { RecipePreset } from '../../shared/domain/batch'
import { RecipePresetSchema } from '../../shared/domain/batch'
import { formatRecipe, parseRecipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import { writeFileAtomically } from '../engine/atomic-write'

export const PRESETS_FILE = 'recipe-presets.json'

const PresetsFileSchema = z.object({ version: z.literal(1), presets: z.array(z.unknown()) })

/**
 * Named recipe presets in `<folder>/recipe-presets.json`, written atomically. A missing or
 * damaged file means no presets, and an entry whose recipe no longer parses is left out: reading
 * never throws. Writes are serialised, so two quick saves cannot lose one another. Names are
 * unique without regard to case; saving an existing name replaces its recipe in place.
 */
export class PresetStore {
  private readonly folder: string
  private current: Promise<RecipePreset[]> | null = null
  private writing: Promise<unknown> = Promise.resolve()

  constructor(folder: string) {
    this.folder = folder
  }

  list(): Promise<RecipePreset[]> {
    this.current ??= readPresets(join(this.folder, PRESETS_FILE))
    return this.current.then((presets) => [...presets])
  }

  /**
   * Adds or replaces a preset; the recipe is stored in its normal form.
   *
   * @returns the presets after the change
   * @throws LucidError INVALID_ARGUMENT for an empty or too long name or a recipe that does not
   *   parse, WRITE_FAILED when the file cannot be written (the presets stay as they were)
   */
  save(name: string, recipeText: string): Promise<RecipePreset[]> {
    const parsed = parseRecipe(recipeText)
    if (!parsed.ok) return Promise.reject(new LucidError('INVALID_ARGUMENT', parsed.message))
    const preset = RecipePresetSchema.safeParse({ name, recipe: formatRecipe(parsed.recipe) })
    if (!preset.success) {
      return Promise.reject(
        new LucidError('INVALID_ARGUMENT', `Expected a name of 1 to 80 characters for a preset`)
      )
    }
    return this.update((presets) => {
      const at = presets.findIndex((p) => sameName(p.name, preset.data.name))
      return at < 0 ? [...presets, preset.data] : presets.with(at, preset.data)
    })
  }

  /** Removes a preset by name (no change when there is none). @throws as save */
  remove(name: string): Promise<RecipePreset[]> {
    return this.update((presets) => presets.filter((p) => !sameName(p.name, name.trim())))
  }

  private update(change: (presets: RecipePreset[]) => RecipePreset[]): Promise<RecipePreset[]> {
    const next = this.writing.then(async () => {
      const presets = change(await this.list())
      await mkdir(this.folder, { recursive: true }).catch(() => undefined)
      const file = { version: 1, presets }
      await writeFileAtomically(
        join(this.folder, PRESETS_FILE),
        Buffer.from(`${JSON.stringify(file, null, 2)}\n`)
      )
      this.current = Promise.resolve(presets)
      return [...presets]
    })
    this.writing = next.catch(() => undefined)
    return next
  }
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0
}

async function readPresets(path: string): Promise<RecipePreset[]> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return [] // No presets yet, or a damaged file.
  }
  const file = PresetsFileSchema.safeParse(data)
  if (!file.success) return []
  const presets: RecipePreset[] = []
  for (const entry of file.data.presets) {
    const preset = RecipePresetSchema.safeParse(entry)
    if (!preset.success) continue
    const recipe = parseRecipe(preset.data.recipe)
    if (!recipe.ok || presets.some((p) => sameName(p.name, preset.data.name))) continue
    presets.push({ name: preset.data.name, recipe: formatRecipe(recipe.recipe) })
  }
  return presets
}
