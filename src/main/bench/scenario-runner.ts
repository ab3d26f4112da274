import { basename, join } from 'node:path'
import type { Mask } from '../../shared/domain/mask'
import type { DeviceChoice } from '../../shared/domain/restoration'
import { parseRecipe } from '../../shared/domain/recipe'
import { BatchOutputSettingsSchema } from '../../shared/domain/batch'
import { startRecipeBatch } from '../batch/recipe-batch'
import { createEditor } from '../editor/create'
import type { ClosableRunner } from '../editor/engine-holder'
import type { JobOutcome, RestorationJob } from '../engine/ops/job'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { RestorationEngine } from '../engine/worker/engine-client'
import type { ScenarioMeasurement, ScenarioSpec } from './child-task'
import { startLagMonitor } from './lag-monitor'
import { squareStrokes } from './painted-square'

/** The bundled inference worker, beside bench-child.cjs in out/tools. */
const workerPath = (): string => join(__dirname, 'inference-worker.cjs')

/**
 * Runs one end-to-end scenario in this (fresh) process. Photo scenarios go through the editor's
 * DocumentService as the app does (open → apply a step → the step's result cached to disk); the
 * batch goes through the recipe batch runner as `lucid batch` does. Wall time covers the whole
 * scenario, `stepSeconds` the apply alone (result cache included), `jobSeconds` the engine's
 * inference job inside it (what the painted area changes).
 */
export async function runScenario(spec: ScenarioSpec): Promise<ScenarioMeasurement> {
  switch (spec.type) {
    case 'regional-deblur':
    case 'whole-photo':
      return photoScenario(spec)
    case 'batch':
      return batchScenario(spec)
  }
}

async function photoScenario(
  spec: Extract<ScenarioSpec, { type: 'regional-deblur' | 'whole-photo' }>
): Promise<ScenarioMeasurement> {
  // The editor's own engine, wrapped to keep each job's seconds as the worker measured them:
  // the inference alone, without decoding, the result cache or the history.
  const jobSeconds: number[] = []
  const editor = createEditor({
    dataDir: spec.dataDir,
    modelsDir: defaultModelsDir(),
    workerPath: workerPath(),
    engineFactory: (device) => timedEngine(device, jobSeconds)
  })
  const { documents } = editor
  try {
    const stopLag = startLagMonitor()
    const started = performance.now()
    const doc = await documents.open(spec.photo, { ephemeral: true })
    let mask: Mask | undefined
    if (spec.type === 'regional-deblur') {
      const { width, height } = doc
      mask = { strokes: squareStrokes(width, height, spec.paintedSide), inverted: false }
    }
    const operation =
      spec.type === 'regional-deblur'
        ? { op: 'deblur' as const, strength: 1, quality: 'balanced' as const }
        : spec.operation
    const stepStarted = performance.now()
    let tiles = 0
    await documents.apply(doc.id, operation, mask, (progress) => {
      tiles = Math.max(tiles, progress.tilesTotal)
    })
    const stepSeconds = (performance.now() - stepStarted) / 1000
    await documents.close(doc.id)
    const wallSeconds = (performance.now() - started) / 1000
    const job = jobSeconds.reduce((sum, s) => sum + s, 0)
    return { wallSeconds, stepSeconds, jobSeconds: job, tiles, eventLoopLag: stopLag() }
  } finally {
    await documents.dispose()
  }
}

/** A worker-backed engine, as the editor makes it, that records every job's own seconds. */
function timedEngine(device: DeviceChoice, seconds: number[]): ClosableRunner {
  const engine = new RestorationEngine<RestorationJob, JobOutcome>({
    device,
    modelsDir: defaultModelsDir(),
    workerPath: workerPath()
  })
  return {
    run: async (job, options) => {
      const outcome = await engine.run(job, options)
      seconds.push(outcome.seconds)
      return outcome
    },
    close: () => engine.close()
  }
}

async function batchScenario(
  spec: Extract<ScenarioSpec, { type: 'batch' }>
): Promise<ScenarioMeasurement> {
  const parsed = parseRecipe(spec.recipe)
  if (!parsed.ok) throw new Error(parsed.message)
  const engine = new RestorationEngine<RestorationJob, JobOutcome>({
    workerPath: workerPath(),
    modelsDir: defaultModelsDir()
  })
  try {
    const stopLag = startLagMonitor()
    const started = performance.now()
    const run = await startRecipeBatch({
      runner: engine,
      inputs: spec.photos,
      recipe: parsed.recipe,
      output: BatchOutputSettingsSchema.parse({ folder: spec.outputDir }),
      onEvent: (event) => {
        if (event.type === 'item-done') console.log(`    batch: ${basename(event.input)} done`)
      }
    })
    const summary = await run.result
    const wallSeconds = (performance.now() - started) / 1000
    return {
      wallSeconds,
      eventLoopLag: stopLag(),
      done: summary.done.length,
      failed: summary.failed.length
    }
  } finally {
    await engine.close()
  }
}
