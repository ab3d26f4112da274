import { basename } from 'node:path'
import type { SingleBar } from 'cli-progress'
import { MultiBar } from 'cli-progress'
import type { BatchEvent, BatchSummary } from '../../shared/domain/batch'
import { LucidError } from '../../shared/ipc/errors'
import { expandInputs } from '../batch/inputs'
import { startRecipeBatch } from '../batch/recipe-batch'
import type { BatchRequest } from './batch-inputs'
import { batchRequest } from './batch-inputs'
import { openEngine } from './engine'
import type { CommonOptions } from './options'
import { createReporter } from './reporter'
import { EXIT_CANCELLED, EXIT_FAILED } from './single-command'

/** Some photos failed, the others were written. */
export const EXIT_SOME_FAILED = 3

/**
 * `lucid batch`: a recipe over many photos on the batch runner (two photos in flight, so one
 * decodes or encodes while the other is inferred). A failing photo is reported at once and the
 * batch goes on; the summary lists each failure. Ctrl+C cancels: the photos in flight stop and
 * leave no file.
 */
export async function runBatchCommand(
  inputs: readonly string[],
  options: CommonOptions & Record<string, unknown>
): Promise<number> {
  const reporter = createReporter({ json: options.json, tty: process.stderr.isTTY })
  let request: BatchRequest
  try {
    request = batchRequest(options)
  } catch (error) {
    const shape = errorShape(error)
    reporter.fail(shape.code, shape.message)
    return EXIT_FAILED
  }
  const files = await expandInputs(inputs)
  if (files.length === 0) {
    reporter.fail('INVALID_ARGUMENT', 'No photos found in the given files and folders')
    return EXIT_FAILED
  }
  const display = options.json
    ? jsonDisplay()
    : process.stderr.isTTY
      ? barDisplay(files.length)
      : plainDisplay()
  // Ctrl+C while the outputs are being planned cancels the run as soon as it exists.
  const interrupt = new AbortController()
  const onSigint = (): void => interrupt.abort()
  process.once('SIGINT', onSigint)
  const engine = openEngine(options.device)
  let summary: BatchSummary
  try {
    const run = await startRecipeBatch({
      runner: engine,
      inputs: files,
      recipe: request.recipe,
      output: request.output,
      ...(options.tile ? { tileSize: options.tile } : {}),
      onEvent: (event) => display.event(event)
    })
    if (interrupt.signal.aborted) run.cancel()
    else interrupt.signal.addEventListener('abort', () => run.cancel(), { once: true })
    summary = await run.result
  } catch (error) {
    display.stop()
    const shape = errorShape(error)
    reporter.fail(shape.code, shape.message)
    return EXIT_FAILED
  } finally {
    process.off('SIGINT', onSigint)
    await engine.close()
  }
  display.stop()
  const cancelled = summary.state === 'cancelled'
  const written = summary.done.length
  const folder = request.output.folder
  reporter.done({
    written,
    failed: summary.failed,
    skipped: summary.skipped.map((s) => s.input),
    cancelled,
    notRun: summary.notRun,
    seconds: summary.seconds,
    summary: [
      `${written} of ${summary.total} written to ${folder}` +
        (summary.skipped.length ? `, ${summary.skipped.length} skipped (already there)` : '') +
        (summary.failed.length ? `, ${summary.failed.length} failed:` : '') +
        (cancelled ? ' (cancelled)' : ''),
      ...summary.failed.map((f) => `  ${basename(f.input)}: ${f.message}`)
    ].join('\n')
  })
  if (cancelled) return EXIT_CANCELLED
  if (summary.failed.length === 0) return 0
  return written === 0 ? EXIT_FAILED : EXIT_SOME_FAILED
}

/** How the batch's events reach people or scripts while it runs. */
interface BatchDisplay {
  event(event: BatchEvent): void
  stop(): void
}

/** --json: every event as one JSON line on stdout (the failures among them). */
function jsonDisplay(): BatchDisplay {
  return {
    event: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
    stop: () => undefined
  }
}

/** Not a terminal: one line per failure on stderr, nothing else until the summary. */
function plainDisplay(): BatchDisplay {
  return {
    event: (event) => {
      if (event.type === 'item-failed') failureLine(event, (line) => process.stderr.write(line))
    },
    stop: () => undefined
  }
}

/** A terminal: a bar for the whole batch and one per photo in flight; failures above them. */
function barDisplay(total: number): BatchDisplay {
  const bars = new MultiBar({
    format: '{label} [{bar}] {percentage}% | {detail}',
    hideCursor: true,
    clearOnComplete: true,
    stream: process.stderr
  })
  const overall = bars.create(total, 0, { label: 'Batch', detail: 'Starting' })
  const photos = new Map<number, SingleBar>()
  const endPhoto = (index: number): void => {
    const bar = photos.get(index)
    if (bar) bars.remove(bar)
    photos.delete(index)
  }
  return {
    event: (event) => {
      switch (event.type) {
        case 'item-start':
          photos.set(
            event.index,
            bars.create(100, 0, { label: `  ${basename(event.input)}`, detail: 'Starting' })
          )
          break
        case 'item-progress':
          photos
            .get(event.index)
            ?.update(Math.round(event.fraction * 100), { detail: event.stage ?? '' })
          break
        case 'item-failed':
          failureLine(event, (line) => bars.log(line))
          endPhoto(event.index)
          break
        case 'item-done':
        case 'item-skipped':
        case 'item-cancelled':
          endPhoto(event.index)
          break
        case 'batch-progress': {
          const eta = event.etaSeconds === null ? '…' : `${Math.ceil(event.etaSeconds)} s`
          const failed = event.failed ? `, ${event.failed} failed` : ''
          overall.setTotal(event.total)
          overall.update(event.fraction * event.total, {
            detail: `${event.done}/${event.total} done${failed} | ${event.state} | ETA ${eta}`
          })
          break
        }
      }
    },
    stop: () => bars.stop()
  }
}

function failureLine(
  failure: { readonly input: string; readonly message: string },
  write: (line: string) => void
): void {
  write(`lucid: ${basename(failure.input)}: ${failure.message}\n`)
}

function errorShape(error: unknown): { code: string; message: string } {
  return error instanceof LucidError
    ? error.toShape()
    : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
