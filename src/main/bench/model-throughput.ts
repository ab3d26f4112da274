import { join } from 'node:path'
import sharp from 'sharp'
import type { JobOutcome, RestorationJob } from '../engine/ops/job'
import type { RawImage } from '../engine/raw-image'
import { toRawImage } from '../engine/raw-image'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { RestorationEngine } from '../engine/worker/engine-client'
import type { ModelMeasurement, ModelTask } from './child-task'
import { startLagMonitor } from './lag-monitor'

/**
 * Times one model the way the app runs it: the operation as a job on the worker-backed
 * RestorationEngine (on the CPU provider, the device the peak is computed for), so every run
 * includes moving pixels to the worker and back, tiling and blending. Warm-up runs first
 * (session creation, first-touch allocations), then the timed runs, during which the main
 * thread's event-loop delay is sampled.
 */
export async function measureModel(task: ModelTask): Promise<ModelMeasurement> {
  const image = await toRawImage(sharp(task.inputPng).removeAlpha())
  const engine = new RestorationEngine<RestorationJob, JobOutcome>({
    workerPath: join(__dirname, 'inference-worker.cjs'),
    modelsDir: defaultModelsDir(),
    device: { kind: 'cpu' }
  })
  try {
    const runOnce = async (): Promise<{ seconds: number; outcome: JobOutcome }> => {
      // The engine moves the job's pixel buffer to the worker, so each run gets its own copy.
      const started = performance.now()
      const outcome = await engine.run({ operation: task.operation, image: copyOf(image) })
      return { seconds: (performance.now() - started) / 1000, outcome }
    }
    for (let i = 0; i < task.warmups; i++) {
      const { seconds } = await runOnce()
      log(`${task.modelId}: warm-up ${seconds.toFixed(2)} s`)
    }
    const stopLag = startLagMonitor()
    const seconds: number[] = []
    let last: JobOutcome | undefined
    for (let i = 0; i < task.runs; i++) {
      const run = await runOnce()
      seconds.push(run.seconds)
      last = run.outcome
      log(`${task.modelId}: run ${i + 1}/${task.runs} ${run.seconds.toFixed(2)} s`)
    }
    const eventLoopLag = stopLag()
    if (!last) throw new Error('No timed runs were asked for')
    return {
      seconds,
      tiles: last.tilesInferred,
      provider: last.provider,
      width: image.width,
      height: image.height,
      eventLoopLag
    }
  } finally {
    await engine.close()
  }
}

function copyOf(image: RawImage): RawImage {
  return { ...image, data: image.data.slice() }
}

function log(line: string): void {
  console.log(`    ${line}`)
}
