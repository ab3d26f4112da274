import type { Recipe } from '../../shared/domain/recipe'
import type { JobProgress } from '../../shared/domain/restoration'
import { LucidError } from '../../shared/ipc/errors'
import { loadImage } from '../engine/io/load-image'
import type { ExportOptions } from '../engine/io/save-image'
import { saveImage } from '../engine/io/save-image'
import type { JobOutcome, JobRunner } from '../engine/ops/job'
import type { RawImage } from '../engine/raw-image'

export interface RecipeJob {
  readonly input: string
  readonly output: string
  readonly recipe: Recipe
  /** The deblur mask, for a recipe whose first step is deblur; given the photo's size. */
  readonly loadMask?: (width: number, height: number) => Promise<RawImage>
  /** Files never to write besides the input (the mask file, say). */
  readonly protectedPaths?: readonly string[]
  readonly tileSize?: number
  readonly export: Omit<ExportOptions, 'source'>
  /** Replace an existing output file (never the input). */
  readonly overwrite: boolean
}

export interface RecipeJobResult {
  readonly input: string
  readonly output: string
  readonly width: number
  readonly height: number
  readonly steps: readonly Omit<JobOutcome, 'image'>[]
  readonly seconds: number
}

export interface RecipeJobOptions {
  readonly signal?: AbortSignal
  /** Each step's job progress, with the step's place in the recipe (from 0). */
  readonly onProgress?: (step: number, progress: JobProgress) => void
}

/**
 * One photo through a recipe: decode, run each step through the engine on the output of the
 * last, and write the result atomically (never onto the input). Nothing is written unless
 * every step succeeded and the job was not cancelled, so a failure or a cancellation leaves no
 * output file behind.
 *
 * @throws LucidError CANCELLED when `signal` aborts before the write, and as loadImage,
 *   JobRunner.run and saveImage throw
 */
export async function runRecipeJob(
  runner: JobRunner,
  job: RecipeJob,
  options: RecipeJobOptions = {}
): Promise<RecipeJobResult> {
  const started = performance.now()
  const { signal } = options
  throwIfCancelled(signal)
  const { image, source } = await loadImage(job.input)
  const mask = job.loadMask ? await job.loadMask(image.width, image.height) : undefined
  let current = image
  const steps: Omit<JobOutcome, 'image'>[] = []
  for (const [index, operation] of job.recipe.entries()) {
    throwIfCancelled(signal)
    const outcome = await runner.run(
      {
        operation,
        image: current,
        ...(mask && operation.op === 'deblur' && index === 0 ? { mask } : {}),
        ...(job.tileSize ? { tileSize: job.tileSize } : {})
      },
      {
        ...(signal ? { signal } : {}),
        onProgress: (progress) => options.onProgress?.(index, progress)
      }
    )
    const { image: next, ...summary } = outcome
    steps.push(summary)
    current = next
  }
  throwIfCancelled(signal)
  await saveImage(current, job.output, {
    ...job.export,
    source,
    overwrite: job.overwrite,
    protectedPaths: [job.input, ...(job.protectedPaths ?? [])]
  })
  return {
    input: job.input,
    output: job.output,
    width: current.width,
    height: current.height,
    steps,
    seconds: (performance.now() - started) / 1000
  }
}

/** A recipe's progress as one fraction: steps weigh the same. */
export function recipeFraction(step: number, steps: number, stepFraction: number): number {
  if (steps <= 0) return 1
  return Math.min(1, Math.max(0, (step + stepFraction) / steps))
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LucidError('CANCELLED', 'The job was cancelled')
}
