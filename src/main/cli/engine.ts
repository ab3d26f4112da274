import { join } from 'node:path'
import type { DeviceChoice } from '../../shared/domain/restoration'
import type { JobOutcome, JobRunner, RestorationJob } from '../engine/ops/job'
import { RestorationEngine } from '../engine/worker/engine-client'

/**
 * The CLI's engine: the same worker-backed engine as the app. The bundled CLI (out/tools/
 * lucid.cjs) finds the worker bundle beside itself.
 */
export function openEngine(device: DeviceChoice): JobRunner & { close(): Promise<void> } {
  return new RestorationEngine<RestorationJob, JobOutcome>({
    device,
    workerPath: join(__dirname, 'inference-worker.cjs')
  })
}
