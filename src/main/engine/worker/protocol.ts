import { z } from 'zod'
import { DeviceChoiceSchema } from '../../../shared/domain/restoration'
import { errorCodes, LucidError } from '../../../shared/ipc/errors'

/**
 * The messages between the main thread (RestorationEngine) and the inference worker. Each side
 * validates what it receives: a malformed message means the other side is broken, which the
 * engine treats like a crash. Jobs and outcomes are opaque here (`unknown`): their shape belongs
 * to the operations, and their pixel buffers travel as transferables.
 */

/** Configuration the worker starts with, passed as `workerData`. */
export const WorkerConfigSchema = z
  .object({
    modelsDir: z.string().min(1),
    device: DeviceChoiceSchema,
    /** Where onnxruntime's optimized graphs are kept (SessionPoolOptions.optimizedModelsDir). */
    optimizedModelsDir: z.string().min(1).optional()
  })
  .strict()
export type WorkerConfig = z.infer<typeof WorkerConfigSchema>

const jobId = z.number().int().nonnegative()

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    jobId,
    job: z.unknown(),
    /** One Int32 the main thread sets to 1 to cancel; polled between tiles (see CancelFlag). */
    cancelFlag: z.instanceof(SharedArrayBuffer)
  }),
  /** Finish the current job, release the sessions and exit. */
  z.object({ type: z.literal('close') })
])
export type ToWorker = z.infer<typeof ToWorkerSchema>

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    jobId,
    tilesDone: z.number().int().nonnegative(),
    tilesTotal: z.number().int().nonnegative(),
    stage: z.string()
  }),
  z.object({ type: z.literal('done'), jobId, outcome: z.unknown() }),
  z.object({
    type: z.literal('error'),
    jobId,
    error: z.object({ code: z.enum(errorCodes), message: z.string() })
  })
])
export type FromWorker = z.infer<typeof FromWorkerSchema>

/** @throws LucidError INTERNAL naming what was wrong with the message */
export function parseToWorker(value: unknown): ToWorker {
  return parseWith(ToWorkerSchema, value, 'main thread')
}

/** @throws LucidError INTERNAL naming what was wrong with the message */
export function parseFromWorker(value: unknown): FromWorker {
  return parseWith(FromWorkerSchema, value, 'inference worker')
}

/** @throws LucidError INTERNAL when workerData is not a WorkerConfig */
export function parseWorkerConfig(value: unknown): WorkerConfig {
  return parseWith(WorkerConfigSchema, value, 'worker configuration')
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, from: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new LucidError(
    'INTERNAL',
    `Malformed message from the ${from}: ${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid'}`
  )
}
