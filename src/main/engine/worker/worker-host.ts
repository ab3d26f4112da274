import type { MessagePort } from 'node:worker_threads'
import { parentPort, workerData } from 'node:worker_threads'
import { isLucidError, LucidError } from '../../../shared/ipc/errors'
import type { LucidErrorShape } from '../../../shared/ipc/errors'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { CancelFlag } from './cancel-flag'
import { lowerThreadPriority } from './thread-priority'
import type { FromWorker, ToWorker, WorkerConfig } from './protocol'
import { parseToWorker, parseWorkerConfig } from './protocol'
import { collectTransferables, postWithTransfer } from './transferables'

/** Runs one job inside the worker: the operations' executeJob, or a test double. */
export type ExecuteJob<Job, Outcome> = (
  job: Job,
  models: ModelSource,
  control: JobControl
) => Promise<Outcome>

export interface ServeOptions<Job> {
  /** Validates a job on receipt (default: trusts the main thread's types). */
  readonly parseJob?: (value: unknown) => Job
  /** The buffers to move back with an outcome (default: collectTransferables). */
  readonly transferables?: typeof collectTransferables
  /** Default: `parentPort`; tests may pass one end of a MessageChannel. */
  readonly port?: MessagePort
  /** How long the worker waits with no job before releasing the models (default IDLE_RELEASE_MS). */
  readonly idleReleaseMs?: number
}

/**
 * Each onnxruntime session keeps the peak memory of its largest run in its arena: after every
 * model has run once the process holds about 13 GB (the 1,000-job soak; the fast ×8 model alone
 * 3.7 GB). Releasing the sessions once no job has come for a minute gives that back, and costs
 * the next job a session re-creation (well under a second for most models with the
 * optimized-model cache) instead of holding gigabytes for as long as the app is open.
 */
export const IDLE_RELEASE_MS = 60_000

/**
 * The worker's side of the protocol: runs jobs one at a time, in arrival order, with a
 * JobControl over the job's shared cancel flag; posts progress, then the outcome (its pixel
 * buffers moved, not copied) or the error as `{ code, message }`. On `close` it finishes the
 * current job, releases the models and lets the thread exit.
 *
 * @throws Error when called outside a worker thread and no port is given
 */
export function serveJobs<Job, Outcome>(
  execute: ExecuteJob<Job, Outcome>,
  models: ModelSource & { release?(): Promise<void> },
  options: ServeOptions<Job> = {}
): void {
  const port = options.port ?? parentPort
  if (!port) throw new Error('serveJobs runs inside a worker thread')
  if (!options.port) lowerThreadPriority()
  const transferables = options.transferables ?? collectTransferables
  const post = (message: FromWorker, transfer: ReturnType<typeof transferables> = []): void =>
    postWithTransfer(port, message, transfer)
  // Jobs run strictly one after another: the thread can only run one inference at a time, and
  // a cancelled job must stop before the next one starts loading its models.
  let queue = Promise.resolve()
  // Jobs received and not yet finished; the idle timer runs only while there are none.
  let pending = 0
  let idleTimer: NodeJS.Timeout | undefined
  const idleReleaseMs = options.idleReleaseMs ?? IDLE_RELEASE_MS
  const releaseWhenIdle = (): void => {
    idleTimer = setTimeout(() => {
      // Through the queue, so it can never overlap a job that arrived meanwhile.
      queue = queue.then(async () => {
        if (pending === 0) await models.release?.()
      })
    }, idleReleaseMs)
    // An idle timer must not keep the thread alive on its own.
    idleTimer.unref()
  }

  const runJob = async (message: Extract<ToWorker, { type: 'run' }>): Promise<void> => {
    const { jobId } = message
    const flag = new CancelFlag(message.cancelFlag)
    const control: JobControl = {
      throwIfCancelled: () => flag.throwIfCancelled(),
      progress: (update) => post({ type: 'progress', jobId, ...update })
    }
    try {
      flag.throwIfCancelled()
      const job = options.parseJob ? options.parseJob(message.job) : (message.job as Job)
      const outcome = await execute(job, models, control)
      post({ type: 'done', jobId, outcome }, transferables(outcome))
    } catch (error) {
      post({ type: 'error', jobId, error: errorShape(error) })
    }
  }

  port.on('message', (value: unknown) => {
    let message: ToWorker
    try {
      message = parseToWorker(value)
    } catch (error) {
      // No job id to answer to: a malformed message is a bug on the main side, so fail loudly.
      queueMicrotask(() => {
        throw error
      })
      return
    }
    if (message.type === 'run') {
      pending++
      clearTimeout(idleTimer)
      queue = queue.then(async () => {
        await runJob(message)
        if (--pending === 0 && models.release) releaseWhenIdle()
      })
    } else {
      clearTimeout(idleTimer)
      queue = queue.then(async () => {
        try {
          await models.release?.()
        } finally {
          port.close()
        }
      })
    }
  })
}

/** The worker's configuration, from `workerData`. */
export function workerConfig(data: unknown = workerData): WorkerConfig {
  return parseWorkerConfig(data)
}

function errorShape(error: unknown): LucidErrorShape {
  if (isLucidError(error)) return error.toShape()
  const message = error instanceof Error ? error.message : String(error)
  return new LucidError('INTERNAL', `The restoration failed unexpectedly: ${message}`).toShape()
}
