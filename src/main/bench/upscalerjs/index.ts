import { existsSync } from 'node:fs'
import { defaultModelsDir } from '../../engine/runtime/models-dir'
import { readModelManifest } from '../../engine/runtime/model-files'
import { defaultChildPath } from './child-path'
import { upscalerJsModelSource } from './model-source'
import type { ChildRequest } from './protocol'
import { runChild } from './run-child'
import type { UpscalerJsResult, UpscalerJsRun } from './types'

export type { UpscalerJsResult, UpscalerJsRun } from './types'

/**
 * Side of the warm-up input. Small, so warm-up costs little, yet it runs every layer once. MAXIM
 * gets none: its smallest input (64², its divisibility) takes tens of minutes on pure-JS TF.js.
 */
const WARMUP_SIZE = 16

/**
 * Runs a Lucid model's original TF.js weights through UpscalerJS's own runtime (its `Upscaler`
 * class on `@tensorflow/tfjs`) in a child process, and times the inference.
 *
 * @param run the model, input PNG, TF.js backend and the inference time limit
 * @param childPath the bundled child; defaults to upscalerjs-child.cjs beside the running
 *   bundle (out/tools), which `vite build --config vite.tools.config.ts` writes; tests pass one
 *   built by buildTestWorker
 * @returns seconds, or null with a lower bound on a timeout, or null with a note on a failure
 * @throws Error for an invalid timeout, an id not in the manifest, or a missing child
 */
export async function runUpscalerJs(
  run: UpscalerJsRun,
  childPath = defaultChildPath()
): Promise<UpscalerJsResult> {
  if (!Number.isFinite(run.timeoutMs) || run.timeoutMs <= 0) {
    throw new Error(`Expected positive number for timeoutMs but received ${run.timeoutMs}`)
  }
  if (!existsSync(childPath)) {
    throw new Error(`Expected the UpscalerJS child at ${childPath}; build vite.tools.config.ts`)
  }
  const manifest = await readModelManifest(defaultModelsDir())
  const entry = manifest.models.find((model) => model.id === run.modelId)
  if (!entry) throw new Error(`Expected a model id from the manifest but received ${run.modelId}`)
  const request: ChildRequest = {
    source: upscalerJsModelSource(entry),
    backend: run.backend,
    inputPng: run.inputPng,
    ...(!entry.id.startsWith('maxim-') && { warmupSize: WARMUP_SIZE })
  }
  return runChild(childPath, request, run.timeoutMs)
}
