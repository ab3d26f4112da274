import type { ErrorCode } from '../../../shared/ipc/errors'
import type { MutatorName } from './mutators'

/**
 * What the fuzz parent and its child process say to each other. The parent writes one case
 * number a line on the child's stdin; the child answers on stdout with lines that start with
 * MESSAGE_PREFIX, so stray output from native code cannot be mistaken for a result. A `start`
 * line goes out before a case runs (stdout to a pipe is synchronous on Linux), so a case that
 * kills the process is still known by name.
 */

export const MESSAGE_PREFIX = '@@fuzz '

/** Faults a test can plant in the child, by case number, to prove the harness sees them. */
export type InjectedFault = 'throw' | 'leak' | 'hang' | 'abort' | 'grow'

export interface ChildConfig {
  readonly runSeed: number
  /** The child's scratch folder (case files, its document data); the parent removes it. */
  readonly workDir: string
  /** Where node_modules is, for the real photos among the seeds. */
  readonly repoRoot: string
  readonly inject?: Readonly<Record<string, InjectedFault>>
}

/** The environment variable the parent passes ChildConfig in, as JSON. */
export const CONFIG_ENV = 'LUCID_FUZZ_CHILD_CONFIG'

/** One operation of a case, as the app would run it on the damaged file. */
export type StageName = 'open' | 'preview' | 'decode8' | 'thumbnail' | `export-${string}`

export type StageOutcome =
  | { readonly stage: StageName; readonly outcome: 'ok' }
  | { readonly stage: StageName; readonly outcome: 'typed'; readonly code: ErrorCode }
  | { readonly stage: StageName; readonly outcome: 'untyped'; readonly message: string }

export interface CaseStart {
  readonly type: 'start'
  readonly case: number
  readonly seed: string
  readonly mutator: MutatorName
  readonly detail: string
  readonly bytes: number
}

export interface CaseResult {
  readonly type: 'result'
  readonly case: number
  readonly stages: readonly StageOutcome[]
  /** Broken promises other than errors: leftover temporary files, an incomplete export. */
  readonly problems: readonly string[]
  readonly ms: number
  /** The child's peak resident memory so far (process-wide, so it only ever grows). */
  readonly peakRssMb: number
}

export interface ChildReady {
  readonly type: 'ready'
  readonly seeds: readonly string[]
}

export type ChildMessage = ChildReady | CaseStart | CaseResult

/** A message as one stdout line. */
export function messageLine(message: ChildMessage): string {
  return `${MESSAGE_PREFIX}${JSON.stringify(message)}\n`
}

/** The message a stdout line carries, or undefined for any other output. */
export function parseMessage(line: string): ChildMessage | undefined {
  if (!line.startsWith(MESSAGE_PREFIX)) return undefined
  try {
    return JSON.parse(line.slice(MESSAGE_PREFIX.length)) as ChildMessage
  } catch {
    return undefined
  }
}

/** The child's side of the channel: calls `run` for each case number the parent writes. */
export function serveCases(run: (index: number) => Promise<void>): void {
  let buffered = ''
  let chain = Promise.resolve()
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines.filter((l) => l.trim() !== '')) {
      // One case at a time, in order: a result always belongs to the last start.
      chain = chain.then(() => run(Number(line)))
    }
  })
  // The parent closing stdin means the run is over.
  process.stdin.on('end', () => void chain.then(() => process.exit(0)))
}

export function send(message: ChildMessage): void {
  process.stdout.write(messageLine(message))
}

export function readChildConfig(): ChildConfig {
  const text = process.env[CONFIG_ENV]
  if (!text) throw new Error(`${CONFIG_ENV} is not set: this script is started by the fuzzer`)
  return JSON.parse(text) as ChildConfig
}
