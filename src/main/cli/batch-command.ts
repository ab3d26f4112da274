import { mkdir } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { ExportFormat } from '../../shared/domain/document'
import { parseRecipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { ExistPolicy } from './batch-inputs'
import { expandInputs, outputFormat, outputPath } from './batch-inputs'
import { openEngine } from './engine'
import type { CommonOptions } from './options'
import { processImage } from './process-image'
import { createReporter } from './reporter'
import { EXIT_CANCELLED, EXIT_FAILED } from './single-command'

/** Some photos failed, the others were written. */
export const EXIT_SOME_FAILED = 3

/**
 * `lucid batch`: a recipe over many photos, one after another (the engine uses every core for
 * each). A failing photo is reported and the batch goes on; the summary lists each failure.
 */
export async function runBatchCommand(
  inputs: readonly string[],
  options: CommonOptions & Record<string, unknown>
): Promise<number> {
  const reporter = createReporter({ json: options.json, tty: process.stderr.isTTY })
  const recipe = parseRecipe(String(options.recipe))
  if (!recipe.ok) {
    reporter.fail('INVALID_ARGUMENT', recipe.message)
    return EXIT_FAILED
  }
  const dir = resolve(String(options.output))
  const files = await expandInputs(inputs)
  if (files.length === 0) {
    reporter.fail('INVALID_ARGUMENT', 'No photos found in the given files and folders')
    return EXIT_FAILED
  }
  await mkdir(dir, { recursive: true })
  const controller = new AbortController()
  const onSigint = (): void => controller.abort()
  process.once('SIGINT', onSigint)
  const engine = openEngine(options.device)
  const planned = new Set<string>()
  const failures: { input: string; code: string; message: string }[] = []
  const skipped: string[] = []
  let written = 0
  try {
    for (const [index, input] of files.entries()) {
      if (controller.signal.aborted) break
      const format = outputFormat(input, options.format as ExportFormat | undefined)
      const policy = (options.onExist ?? 'unique') as ExistPolicy
      const output = outputPath(input, dir, String(options.name), format, policy, planned)
      if (!output) {
        skipped.push(input)
        continue
      }
      reporter.start(`[${index + 1}/${files.length}] ${basename(input)}`)
      try {
        await processImage(
          engine,
          {
            input,
            output,
            recipe: recipe.recipe,
            ...(options.tile ? { tileSize: options.tile } : {}),
            export: {
              format,
              quality: options.outputQuality,
              colourProfile: options.profile,
              keepMetadata: options.metadata
            },
            overwrite: policy === 'overwrite'
          },
          {
            signal: controller.signal,
            onProgress: (step, p) =>
              reporter.progress({
                ...p,
                stage: `${p.stage} (step ${step + 1}/${recipe.recipe.length})`
              })
          }
        )
        written += 1
      } catch (error) {
        const shape =
          error instanceof LucidError
            ? error.toShape()
            : { code: 'INTERNAL', message: String(error) }
        if (shape.code === 'CANCELLED') break
        failures.push({ input, ...shape })
        reporter.note(`${basename(input)}: ${shape.message}`)
      }
    }
  } finally {
    process.off('SIGINT', onSigint)
    await engine.close()
  }
  const cancelled = controller.signal.aborted
  const lines = failures.map((f) => `  ${basename(f.input)}: ${f.message}`)
  reporter.done({
    written,
    failed: failures,
    skipped,
    cancelled,
    summary: [
      `${written} of ${files.length} written to ${dir}` +
        (skipped.length ? `, ${skipped.length} skipped (already there)` : '') +
        (failures.length ? `, ${failures.length} failed:` : '') +
        (cancelled ? ' (cancelled)' : ''),
      ...lines
    ].join('\n')
  })
  if (cancelled) return EXIT_CANCELLED
  return failures.length === 0 ? 0 : written === 0 ? EXIT_FAILED : EXIT_SOME_FAILED
}
