import { resolve } from 'node:path'
import type { BatchOutputSettings } from '../../shared/domain/batch'
import { BatchOutputSettingsSchema } from '../../shared/domain/batch'
import type { Recipe } from '../../shared/domain/recipe'
import { parseRecipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { CommonOptions } from './options'

/** What `lucid batch` was asked to do, checked. */
export interface BatchRequest {
  readonly recipe: Recipe
  readonly output: BatchOutputSettings
}

/**
 * Turns `lucid batch`'s options into a recipe and the batch's output settings (the photos are
 * expanded separately: see expandInputs).
 *
 * @throws LucidError INVALID_ARGUMENT for a recipe that does not parse or a bad name template
 */
export function batchRequest(options: CommonOptions & Record<string, unknown>): BatchRequest {
  const recipe = parseRecipe(String(options.recipe))
  if (!recipe.ok) throw new LucidError('INVALID_ARGUMENT', recipe.message)
  const output = BatchOutputSettingsSchema.safeParse({
    folder: resolve(String(options.output)),
    nameTemplate: options.name,
    format: options.format ?? 'original',
    onExist: options.onExist,
    quality: options.outputQuality,
    keepMetadata: options.metadata,
    colourProfile: options.profile
  })
  if (!output.success) {
    throw new LucidError('INVALID_ARGUMENT', output.error.issues[0]?.message ?? 'Bad options')
  }
  return { recipe: recipe.recipe, output: output.data }
}
