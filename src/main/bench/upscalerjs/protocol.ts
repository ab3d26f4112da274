import type { UpscalerJsModelSource } from './model-source'

/**
 * What runUpscalerJs and its child process say to each other over Node's IPC channel (fork).
 * The child reports `inferring` just before it calls `execute`, so the parent's timeout covers
 * the inference alone and a timeout is a true lower bound on its time.
 */

export type TfjsBackendName = 'cpu' | 'wasm'

/** The job, passed as the child's first argument (JSON). */
export interface ChildRequest {
  readonly source: UpscalerJsModelSource
  readonly backend: TfjsBackendName
  readonly inputPng: string
  /** Side of a square warm-up input run through UpscalerJS's own `warmup`; absent to skip it. */
  readonly warmupSize?: number
}

export interface ChildInferring {
  readonly type: 'inferring'
}

export interface ChildDone {
  readonly type: 'done'
  readonly seconds: number
  readonly outputShape: number[]
  /** Which builds and which backend binary ran, for the report. */
  readonly runtime: string
}

export interface ChildFailed {
  readonly type: 'failed'
  readonly message: string
}

export type ChildMessage = ChildInferring | ChildDone | ChildFailed

/** The request the parent passed, from the child's argv. */
export function readChildRequest(argv: readonly string[] = process.argv): ChildRequest {
  const json = argv[2]
  if (json === undefined)
    throw new Error('Expected the request as JSON in argv[2] but received none')
  return JSON.parse(json) as ChildRequest
}

/** Sends a message to the parent and resolves once it has been handed to the channel. */
export function sendToParent(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('The UpscalerJS child must be started with fork (no IPC channel)'))
      return
    }
    process.send(message, undefined, undefined, (error) => (error ? reject(error) : resolve()))
  })
}
