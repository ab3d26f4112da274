import type { RecipeJob, RecipeJobOptions, RecipeJobResult } from '../batch/recipe-job'
import { runRecipeJob } from '../batch/recipe-job'
import type { JobRunner } from '../engine/ops/job'
import { loadMask } from './mask-file'

export interface ImageTask extends Omit<RecipeJob, 'loadMask' | 'protectedPaths'> {
  /** Deblur steps only: greyscale, the input's size. */
  readonly maskPath?: string
}

export type ImageResult = RecipeJobResult

/**
 * One photo through a recipe (see runRecipeJob), with the deblur mask read from a file, which
 * is then never written either.
 */
export function processImage(
  runner: JobRunner,
  task: ImageTask,
  options: RecipeJobOptions
): Promise<ImageResult> {
  const { maskPath, ...job } = task
  return runRecipeJob(
    runner,
    maskPath
      ? {
          ...job,
          loadMask: (width, height) => loadMask(maskPath, width, height),
          protectedPaths: [maskPath]
        }
      : job,
    options
  )
}
