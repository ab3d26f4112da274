import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { BatchEvent, BatchOutputSettings } from '../../shared/domain/batch'
import type { Recipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { JobRunner } from '../engine/ops/job'
import type { BatchRun, ProcessItem } from './batch-runner'
import { runBatch } from './batch-runner'
import type { PlannedOutput } from './output-plan'
import { planOutputsOnDisk } from './output-plan'
import { recipeFraction, runRecipeJob } from './recipe-job'

export interface RecipeBatchOptions {
  readonly runner: JobRunner
  /** Absolute photo paths, in batch order (see expandInputs). */
  readonly inputs: readonly string[]
  readonly recipe: Recipe
  readonly output: BatchOutputSettings
  /** Each result goes beside its input (drag-and-drop enhance); `output.folder` is ignored. */
  readonly besideInputs?: boolean
  /** Input tile side for the models with dynamic shapes; default: the manifest's. */
  readonly tileSize?: number
  /** Photos in flight at once; default 2 (see BatchRunOptions). */
  readonly concurrency?: number
  readonly onEvent?: (event: BatchEvent) => void
}

/**
 * Starts a recipe over many photos, the batch both `lucid batch` and the app run: creates the
 * output folder, plans every output name up front (see planBatch), then runs each photo
 * through the recipe (see runRecipeJob) on a BatchRun.
 *
 * @throws LucidError INVALID_ARGUMENT for a bad name template, WRITE_FAILED when the output
 *   folder cannot be created
 */
export async function startRecipeBatch(
  options: RecipeBatchOptions
): Promise<BatchRun<PlannedOutput>> {
  const plan = await planBatch(options.inputs, options.output, options.besideInputs ?? false)
  return runBatch({
    items: plan,
    process: recipeItemProcess(options),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.onEvent ? { onEvent: options.onEvent } : {})
  })
}

/**
 * Plans a batch's outputs (see planOutputsOnDisk), in `output.folder` (created if missing) or,
 * with `besideInputs`, each in its input's own folder (planned folder by folder, so {index}
 * counts within each folder).
 *
 * @throws LucidError INVALID_ARGUMENT for a bad name template, WRITE_FAILED when the output
 *   folder cannot be created
 */
export async function planBatch(
  inputs: readonly string[],
  output: BatchOutputSettings,
  besideInputs: boolean
): Promise<PlannedOutput[]> {
  if (!besideInputs) {
    const folder = resolve(output.folder)
    await mkdir(folder, { recursive: true }).catch((error: unknown) => {
      throw new LucidError(
        'WRITE_FAILED',
        `Could not create the output folder ${folder}: ${(error as Error).message}`,
        { cause: error }
      )
    })
    return planOutputsOnDisk(inputs, { ...output, folder })
  }
  const byFolder = new Map<string, number[]>()
  inputs.forEach((input, i) => {
    const folder = dirname(resolve(input))
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), i])
  })
  const plan: PlannedOutput[] = new Array<PlannedOutput>(inputs.length)
  for (const [folder, indices] of byFolder) {
    const group = indices.map((i) => inputs[i] ?? '')
    const planned = await planOutputsOnDisk(group, { ...output, folder })
    planned.forEach((item, j) => (plan[indices[j] ?? 0] = item))
  }
  return plan
}

/** One planned photo: skipped as planned, or through the recipe into its output. */
function recipeItemProcess(options: RecipeBatchOptions): ProcessItem<PlannedOutput> {
  const { recipe, output } = options
  return async (item, { signal, onProgress }) => {
    if (item.action === 'skip') return { status: 'skipped', reason: item.reason }
    await runRecipeJob(
      options.runner,
      {
        input: item.input,
        output: item.output,
        recipe,
        ...(options.tileSize ? { tileSize: options.tileSize } : {}),
        export: {
          format: item.format,
          quality: output.quality,
          colourProfile: output.colourProfile,
          keepMetadata: output.keepMetadata
        },
        overwrite: item.overwrite
      },
      {
        signal,
        onProgress: (step, progress) =>
          onProgress(
            recipeFraction(step, recipe.length, progress.fraction),
            recipe.length > 1
              ? `${progress.stage} (step ${step + 1}/${recipe.length})`
              : progress.stage
          )
      }
    )
    return { status: 'done', output: item.output }
  }
}
