import type { Recipe } from '../../shared/domain/recipe'
import type { JobProgress } from '../../shared/domain/restoration'
import { loadImage } from '../engine/io/load-image'
import type { ExportOptions } from '../engine/io/save-image'
import { saveImage } from '../engine/io/save-image'
import type { JobOutcome, JobRunner } from '../engine/ops/job'
import type { RawImage } from '../engine/raw-image'
import { loadMask } from './mask-file'

export interface ImageTask {
  readonly input: string
  readonly output: string
  readonly recipe: Recipe
  /** Deblur steps only: greyscale, the input's size. */
  readonly maskPath?: string
  readonly tileSize?: number
  readonly export: Omit<ExportOptions, 'source'>
  /** Replace an existing output file (never the input). */
  readonly overwrite: boolean
}

export interface ImageResult {
  readonly input: string
  readonly output: string
  readonly width: number
  readonly height: number
  readonly steps: readonly Omit<JobOutcome, 'image'>[]
  readonly seconds: number
}

/**
 * One photo through a recipe: decode, run each step on the output of the last, and write the
 * result atomically. Nothing is written unless every step succeeded, so a failure or a
 * cancellation leaves no output file behind.
 */
export async function processImage(
  runner: JobRunner,
  task: ImageTask,
  options: { signal?: AbortSignal; onProgress?: (step: number, progress: JobProgress) => void }
): Promise<ImageResult> {
  const started = performance.now()
  const { image, source } = await loadImage(task.input)
  const mask: RawImage | undefined = task.maskPath
    ? await loadMask(task.maskPath, image.width, image.height)
    : undefined
  let current = image
  const steps: Omit<JobOutcome, 'image'>[] = []
  for (const [index, operation] of task.recipe.entries()) {
    const outcome = await runner.run(
      {
        operation,
        image: current,
        ...(mask && operation.op === 'deblur' && index === 0 ? { mask } : {}),
        ...(task.tileSize ? { tileSize: task.tileSize } : {})
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (progress) => options.onProgress?.(index, progress)
      }
    )
    const { image: next, ...summary } = outcome
    steps.push(summary)
    current = next
  }
  await saveImage(current, task.output, {
    ...task.export,
    source,
    overwrite: task.overwrite,
    protectedPaths: [task.input, ...(task.maskPath ? [task.maskPath] : [])]
  })
  return {
    input: task.input,
    output: task.output,
    width: current.width,
    height: current.height,
    steps,
    seconds: (performance.now() - started) / 1000
  }
}
