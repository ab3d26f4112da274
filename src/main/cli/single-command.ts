import { resolve } from 'node:path'
import type { RestorationOperation } from '../../shared/domain/restoration'
import { LucidError } from '../../shared/ipc/errors'
import { formatForPath } from '../engine/encode'
import { openEngine } from './engine'
import type { CommonOptions } from './options'
import { processImage } from './process-image'
import { createReporter } from './reporter'

/** Exit statuses: 0 done, 1 failed, 130 cancelled (Ctrl+C), as shells expect. */
export const EXIT_FAILED = 1
export const EXIT_CANCELLED = 130

/** One photo, one operation: `lucid deblur|lowlight|denoise|upscale IN -o OUT`. */
export async function runSingleCommand(
  input: string,
  operation: RestorationOperation,
  options: CommonOptions & Record<string, unknown>
): Promise<number> {
  const reporter = createReporter({ json: options.json, tty: process.stderr.isTTY })
  const output = resolve(String(options.output))
  const format = formatForPath(output)
  if (!format) {
    reporter.fail(
      'INVALID_ARGUMENT',
      `Cannot tell the output format from ${output}: use .jpg, .png, .webp, .tif or .avif`
    )
    return EXIT_FAILED
  }
  const controller = new AbortController()
  const onSigint = (): void => controller.abort()
  process.once('SIGINT', onSigint)
  const engine = openEngine(options.device)
  try {
    reporter.start(operation.op)
    const result = await processImage(
      engine,
      {
        input: resolve(input),
        output,
        recipe: [operation],
        ...(typeof options.mask === 'string' ? { maskPath: resolve(options.mask) } : {}),
        ...(options.tile ? { tileSize: options.tile } : {}),
        export: {
          format,
          quality: options.outputQuality,
          colourProfile: options.profile,
          keepMetadata: options.metadata
        },
        overwrite: options.overwrite
      },
      { signal: controller.signal, onProgress: (_step, p) => reporter.progress(p) }
    )
    const step = result.steps[0]
    reporter.done({
      ...result,
      summary:
        `${result.output}: ${result.width}×${result.height} in ${result.seconds.toFixed(1)} s on ${step?.provider ?? 'cpu'}` +
        (step?.fallbackReason ? ` (${step.fallbackReason})` : '')
    })
    if (step?.fallbackReason) reporter.note(step.fallbackReason)
    return 0
  } catch (error) {
    const shape =
      error instanceof LucidError ? error.toShape() : { code: 'INTERNAL', message: String(error) }
    reporter.fail(shape.code, shape.message)
    return shape.code === 'CANCELLED' ? EXIT_CANCELLED : EXIT_FAILED
  } finally {
    process.off('SIGINT', onSigint)
    await engine.close()
  }
}
