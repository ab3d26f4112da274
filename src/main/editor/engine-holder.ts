import type { DeviceChoice, JobProgress } from '../../shared/domain/restoration'
import type { JobOutcome, JobRunner, RestorationJob } from '../engine/ops/job'

export type ClosableRunner = JobRunner & { close(): Promise<void> }
/** Makes the engine for a device choice (the worker-backed RestorationEngine in the app). */
export type EngineFactory = (device: DeviceChoice) => ClosableRunner

/**
 * The restoration engine for the current device setting. Changing the device does not disturb
 * a running job: the next job gets a new engine, and the old one closes when its jobs finish.
 */
export class EngineHolder {
  private current: ClosableRunner | undefined
  private readonly running = new Map<ClosableRunner, number>()
  private readonly retired = new Set<ClosableRunner>()

  constructor(
    private readonly factory: EngineFactory,
    private device: DeviceChoice
  ) {}

  get deviceChoice(): DeviceChoice {
    return this.device
  }

  /** Runs a job on the current device's engine (created on first use). */
  async run(
    job: RestorationJob,
    options: { signal?: AbortSignal; onProgress?: (progress: JobProgress) => void }
  ): Promise<JobOutcome> {
    const engine = (this.current ??= this.factory(this.device))
    this.running.set(engine, (this.running.get(engine) ?? 0) + 1)
    try {
      return await engine.run(job, options)
    } finally {
      const left = (this.running.get(engine) ?? 1) - 1
      this.running.set(engine, left)
      if (left === 0 && this.retired.has(engine)) await this.retire(engine)
    }
  }

  /** Uses `device` from the next job on. */
  setDevice(device: DeviceChoice): void {
    if (device.kind === this.device.kind && device.gpuIndex === this.device.gpuIndex) return
    this.device = device
    const old = this.current
    this.current = undefined
    if (!old) return
    this.retired.add(old)
    if ((this.running.get(old) ?? 0) === 0) void this.retire(old)
  }

  /** Closes every engine (running jobs are cancelled). */
  async close(): Promise<void> {
    const engines = [...this.retired, ...(this.current ? [this.current] : [])]
    this.current = undefined
    this.retired.clear()
    await Promise.all(engines.map((engine) => engine.close()))
  }

  private async retire(engine: ClosableRunner): Promise<void> {
    this.retired.delete(engine)
    this.running.delete(engine)
    await engine.close()
  }
}
