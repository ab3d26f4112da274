import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { DeviceChoice, JobProgress } from '../../../shared/domain/restoration'
import { AUTO_DEVICE } from '../../../shared/domain/restoration'
import { LucidError } from '../../../shared/ipc/errors'
import { defaultModelsDir } from '../runtime/models-dir'
import { CancelFlag } from './cancel-flag'
import { ProgressTracker } from './progress-tracker'
import type { FromWorker, ToWorker, WorkerConfig } from './protocol'
import { parseFromWorker } from './protocol'
import { collectTransferables, postWithTransfer } from './transferables'

export interface EngineOptions {
  /** The built worker script; default: inference-worker.js beside this (bundled) file. */
  readonly workerPath?: string
  /** Default: the checkout's resources/models (the packaged app passes its resources path). */
  readonly modelsDir?: string
  /** Default: auto. */
  readonly device?: DeviceChoice
  /** Cache of optimized models for faster session creation; default: none. */
  readonly optimizedModelsDir?: string
  /** The buffers to move with a job (default: collectTransferables). */
  readonly transferables?: typeof collectTransferables
  /** Milliseconds, for the progress ETA; default performance.now (tests pass a fake clock). */
  readonly now?: () => number
}

export interface RunOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: JobProgress) => void
}

/** How long close() lets the worker finish its tile and release its sessions before killing it. */
const CLOSE_GRACE_MS = 5_000

interface PendingJob {
  readonly flag: CancelFlag
  readonly tracker: ProgressTracker
  readonly onProgress: ((progress: JobProgress) => void) | undefined
  readonly resolve: (outcome: unknown) => void
  readonly reject: (error: Error) => void
}

/**
 * The main thread's handle on the inference worker. onnxruntime blocks its thread for a whole
 * tile (half a second or more), so jobs run in a worker thread and the main thread stays free
 * for the UI and IPC. The worker starts on the first job, runs jobs one at a time, and is
 * replaced after a crash. A job's pixel buffers move to the worker (the caller's arrays are
 * empty afterwards) and the outcome's move back.
 */
export class RestorationEngine<Job, Outcome> {
  private worker: Worker | undefined
  private readonly pending = new Map<number, PendingJob>()
  private nextJobId = 0

  constructor(private readonly options: EngineOptions = {}) {}

  /**
   * Runs one job in the worker.
   *
   * @throws LucidError CANCELLED when `signal` aborts (at once: the worker stops at its next
   *   tile and its result is discarded), INTERNAL when the worker crashed (the next job starts a
   *   new one), and any error the job itself raised, with its code
   */
  run(job: Job, options: RunOptions = {}): Promise<Outcome> {
    const { signal, onProgress } = options
    return new Promise<unknown>((resolve, reject) => {
      if (signal?.aborted) throw cancelled()
      const worker = this.ensureWorker()
      const jobId = this.nextJobId++
      const flag = new CancelFlag()
      const onAbort = (): void => {
        flag.cancel()
        this.settle(jobId)?.reject(cancelled())
      }
      this.pending.set(jobId, {
        flag,
        tracker: new ProgressTracker(this.options.now),
        onProgress,
        resolve: (outcome) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(outcome)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        }
      })
      signal?.addEventListener('abort', onAbort, { once: true })
      worker.ref()
      const message: ToWorker = { type: 'run', jobId, job, cancelFlag: flag.buffer }
      const transferables = this.options.transferables ?? collectTransferables
      try {
        postWithTransfer(worker, message, transferables(job))
      } catch (error) {
        // Not structured-cloneable (a function, a class instance with native state…).
        this.settle(jobId)?.reject(
          new LucidError(
            'INVALID_ARGUMENT',
            `The job could not be sent to the worker: ${text(error)}`
          )
        )
      }
    }) as Promise<Outcome>
  }

  /**
   * Cancels the jobs in flight (they reject with CANCELLED), lets the worker release its
   * sessions and stops it. A later run() starts a new worker.
   */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    for (const [jobId, job] of this.pending) {
      job.flag.cancel()
      this.settle(jobId)?.reject(new LucidError('CANCELLED', 'The restoration engine was closed'))
    }
    if (!worker) return
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage({ type: 'close' } satisfies ToWorker)
    const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS)
    await exited
    clearTimeout(timer)
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const config: WorkerConfig = {
      modelsDir: this.options.modelsDir ?? defaultModelsDir(),
      device: this.options.device ?? AUTO_DEVICE,
      ...(this.options.optimizedModelsDir !== undefined && {
        optimizedModelsDir: this.options.optimizedModelsDir
      })
    }
    const worker = new Worker(this.options.workerPath ?? join(__dirname, 'inference-worker.js'), {
      workerData: config
    })
    worker.on('message', (value: unknown) => this.receive(worker, value))
    worker.on('error', (error) => this.crashed(worker, `crashed: ${error.message}`))
    worker.on('messageerror', (error) =>
      this.crashed(worker, `sent an unreadable message: ${error.message}`)
    )
    worker.on('exit', (code) => this.crashed(worker, `stopped unexpectedly (exit code ${code})`))
    this.worker = worker
    return worker
  }

  private receive(worker: Worker, value: unknown): void {
    let message: FromWorker
    try {
      message = parseFromWorker(value)
    } catch (error) {
      this.crashed(worker, text(error))
      void worker.terminate()
      return
    }
    // Absent when the job was cancelled or the engine closed: its late messages are dropped.
    const job = this.pending.get(message.jobId)
    if (!job) return
    switch (message.type) {
      case 'progress':
        try {
          job.onProgress?.(job.tracker.update(message))
        } catch (error) {
          // A failing listener must not throw inside the worker's event handler.
          job.flag.cancel()
          this.settle(message.jobId)?.reject(
            error instanceof Error ? error : new Error(text(error))
          )
        }
        return
      case 'done':
        this.settle(message.jobId)?.resolve(message.outcome)
        return
      case 'error':
        this.settle(message.jobId)?.reject(
          new LucidError(message.error.code, message.error.message)
        )
        return
    }
  }

  /** Fails every job of a worker that died; the next run() starts a fresh one. */
  private crashed(worker: Worker, what: string): void {
    if (this.worker !== worker) return // closed on purpose, or already replaced
    this.worker = undefined
    for (const jobId of [...this.pending.keys()]) {
      this.settle(jobId)?.reject(new LucidError('INTERNAL', `The inference worker ${what}`))
    }
  }

  /** Forgets a job and hands back its callbacks; the worker may idle unreferenced afterwards. */
  private settle(jobId: number): PendingJob | undefined {
    const job = this.pending.get(jobId)
    this.pending.delete(jobId)
    // An idle worker must not keep a CLI process alive.
    if (this.pending.size === 0) this.worker?.unref()
    return job
  }
}

function cancelled(): LucidError {
  return new LucidError('CANCELLED', 'The job was cancelled')
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
