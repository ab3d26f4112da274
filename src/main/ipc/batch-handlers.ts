import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BatchOutputSettings } from '../../shared/domain/batch'
import { BatchOutputSettingsSchema } from '../../shared/domain/batch'
import type { Recipe } from '../../shared/domain/recipe'
import { parseRecipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { BatchRequest } from '../batch/batch-manager'
import { expandInputs } from '../batch/inputs'
import { requireAbsolute } from './gallery-handlers'
import type { Handler, HandlerServices } from './handlers'
import type { Emit } from './ports'

type BatchChannel =
  | 'batch:chooseFolder'
  | 'batch:start'
  | 'batch:pause'
  | 'batch:resume'
  | 'batch:cancel'
  | 'presets:list'
  | 'presets:save'
  | 'presets:delete'
  | 'enhance:paths'
  | 'enhance:bytes'

export type BatchHandlers = { readonly [C in BatchChannel]: Handler<C> }

/**
 * Batches, presets and drag-and-drop enhancement. A batch reports to the window that started
 * it: `batch:event` for every runner event, then `batch:finished` once with the summary.
 */
export function createBatchHandlers({
  gallery,
  batches,
  presets,
  dialogs,
  importsDir
}: Pick<
  HandlerServices,
  'gallery' | 'batches' | 'presets' | 'dialogs' | 'importsDir'
>): BatchHandlers {
  const reportTo = (emit: Emit): Pick<BatchRequest, 'onEvent' | 'onFinished'> => ({
    onEvent: (batchId, event) => emit('batch:event', { batchId, event }),
    onFinished: (batchId, summary) => emit('batch:finished', { batchId, summary })
  })
  /** Enhance's output settings: the defaults ({name}_lucid.{ext}, each photo's format). */
  const enhanceOutput = (folder: string): BatchOutputSettings =>
    BatchOutputSettingsSchema.parse({ folder })

  return {
    'batch:chooseFolder': async () => {
      const path = await dialogs.chooseFolder('output')
      return path === null ? null : { path }
    },
    'batch:start': async ({ galleryId, itemIds, recipe, output }, { emit }) => {
      const inputs = itemIds.map((itemId) => gallery.itemPath(galleryId, itemId))
      requireAbsolute(output.folder)
      const batchId = await batches.start({
        inputs,
        work: recipe.kind === 'recipe' ? { kind: 'recipe', recipe: recipeOf(recipe.text) } : recipe,
        output,
        ...reportTo(emit)
      })
      return { batchId }
    },
    'batch:pause': ({ batchId }) => {
      batches.pause(batchId)
      return Promise.resolve(null)
    },
    'batch:resume': ({ batchId }) => {
      batches.resume(batchId)
      return Promise.resolve(null)
    },
    'batch:cancel': ({ batchId }) => {
      batches.cancel(batchId)
      return Promise.resolve(null)
    },
    'presets:list': () => presets.list(),
    'presets:save': ({ name, recipe }) => presets.save(name, recipe),
    'presets:delete': ({ name }) => presets.remove(name),

    'enhance:paths': async ({ paths, recipe, folder }, { emit }) => {
      paths.forEach(requireAbsolute)
      if (folder !== undefined) requireAbsolute(folder)
      const parsed = recipeOf(recipe)
      // A dropped folder stands for the photos directly inside it.
      const inputs = await expandInputs(paths)
      const batchId = await batches.start({
        inputs,
        work: { kind: 'recipe', recipe: parsed },
        output: enhanceOutput(folder ?? '/'),
        besideInputs: folder === undefined,
        ...reportTo(emit)
      })
      return { batchId }
    },

    'enhance:bytes': async ({ files, recipe, folder }, { emit }) => {
      requireAbsolute(folder)
      const parsed = recipeOf(recipe)
      // Like image:importBytes: each copy in a fresh folder under the imports, so two drops of
      // the same name never meet; the copies go when the batch ends.
      const copies: string[] = []
      const cleanup = (): Promise<void> =>
        Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))).then(
          () => undefined
        )
      const inputs: string[] = []
      try {
        for (const file of files) {
          const dir = join(importsDir, randomUUID())
          copies.push(dir)
          await mkdir(dir, { recursive: true })
          const path = join(dir, file.name)
          await writeFile(path, file.bytes)
          inputs.push(path)
        }
      } catch (error) {
        await cleanup()
        throw new LucidError('WRITE_FAILED', 'Could not keep a copy of the dropped photos', {
          cause: error
        })
      }
      const batchId = await batches.start({
        inputs,
        work: { kind: 'recipe', recipe: parsed },
        output: enhanceOutput(folder),
        cleanup,
        ...reportTo(emit)
      })
      return { batchId }
    }
  }
}

/** @throws LucidError INVALID_ARGUMENT for recipe text that does not parse */
function recipeOf(text: string): Recipe {
  const parsed = parseRecipe(text)
  if (!parsed.ok) throw new LucidError('INVALID_ARGUMENT', parsed.message)
  return parsed.recipe
}
