import { fork } from 'node:child_process'
import type { ChildMessage, ChildRequest } from './protocol'
import type { UpscalerJsResult } from './types'

/** Loading a model (MAXIM's weights are 95 MB) and the small warm-up; generous on a busy machine. */
export const SETUP_TIMEOUT_MS = 180_000

const STDERR_TAIL_CHARS = 2_000

/**
 * Runs one request in a child process and settles with its result. The inference clock starts
 * when the child says it is about to call `execute`; past `timeoutMs` the child is killed and
 * the result carries that time as a lower bound. Never rejects: a failure is a result with a note.
 */
export function runChild(
  childPath: string,
  request: ChildRequest,
  timeoutMs: number
): Promise<UpscalerJsResult> {
  return new Promise((resolve) => {
    const child = fork(childPath, [JSON.stringify(request)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Plain Node: not the parent's flags (vitest's loaders and export conditions).
      execArgv: [],
      // Under Electron, process.execPath is the app; this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
    })
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)
    })
    let settled = false
    const settle = (result: UpscalerJsResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      resolve(result)
    }
    const label = `UpscalerJS (${request.backend})`
    let timer = setTimeout(
      () =>
        settle({
          seconds: null,
          note: `${label} did not load the model in ${SETUP_TIMEOUT_MS / 1000} s`
        }),
      SETUP_TIMEOUT_MS
    )

    child.on('message', (message: ChildMessage) => {
      if (message.type === 'inferring') {
        clearTimeout(timer)
        timer = setTimeout(
          () =>
            settle({
              seconds: null,
              lowerBoundSeconds: timeoutMs / 1000,
              note: `${label} was stopped after ${timeoutMs / 1000} s of inference`
            }),
          timeoutMs
        )
      } else if (message.type === 'done') {
        const { seconds, outputShape, runtime } = message
        settle({ seconds, outputShape, note: warmupNote(runtime, request) })
      } else {
        settle({ seconds: null, note: `${label} failed: ${message.message}` })
      }
    })
    child.on('error', (error) =>
      settle({ seconds: null, note: `${label} child: ${error.message}` })
    )
    child.on('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`
      settle({
        seconds: null,
        note: `${label} child exited (${how}) without a result: ${stderr.trim()}`
      })
    })
  })
}

function warmupNote(runtime: string, request: ChildRequest): string {
  const warmup =
    request.warmupSize === undefined
      ? 'no warm-up'
      : `after a ${request.warmupSize}×${request.warmupSize} warm-up`
  return `${runtime}; whole image in one execute call, ${warmup}`
}
