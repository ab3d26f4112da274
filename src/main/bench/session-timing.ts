import { join } from 'node:path'
import { InferenceSession } from 'onnxruntime-node'
import type { ModelManifest } from '../../shared/domain/model-manifest'
import { locateModel, readModelManifest } from '../engine/runtime/model-files'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { cpuPlan } from '../engine/runtime/providers'
import { sessionOptions } from '../engine/runtime/session-options'
import type { SessionTimes } from './bench-report'
import type { SessionTask } from './child-task'

/**
 * Times session creation on the CPU with the engine's own session options, in a fresh process:
 * cold (graph optimisation 'all', as the engine creates them), then the same while saving the
 * optimised graph (onnxruntime's optimizedModelFilePath), then from that saved graph with
 * optimisation 'disabled' — what an optimised-model cache would cost on later launches.
 */
export async function measureSessions(task: SessionTask): Promise<SessionTimes> {
  const modelsDir = defaultModelsDir()
  const manifest: ModelManifest = await readModelManifest(modelsDir)
  const { path } = await locateModel(modelsDir, manifest, task.modelId)
  const [cpu] = cpuPlan()
  if (!cpu) throw new Error('No CPU provider attempt')
  const options = sessionOptions(cpu)
  const optimized = join(task.scratchDir, `${task.modelId}.optimized.onnx`)
  const coldSeconds = await timeCreate(path, options)
  const saveOptimizedSeconds = await timeCreate(path, {
    ...options,
    optimizedModelFilePath: optimized,
    // Errors only: onnxruntime warns that an 'all'-level graph is specific to this machine,
    // which is the point of a per-machine cache.
    logSeverityLevel: 3
  })
  const cachedSeconds = await timeCreate(optimized, {
    ...options,
    graphOptimizationLevel: 'disabled'
  })
  return { coldSeconds, saveOptimizedSeconds, cachedSeconds }
}

async function timeCreate(path: string, options: InferenceSession.SessionOptions): Promise<number> {
  const started = performance.now()
  const session = await InferenceSession.create(path, options)
  const seconds = (performance.now() - started) / 1000
  await session.release()
  return seconds
}
