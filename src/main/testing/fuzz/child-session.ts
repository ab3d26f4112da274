import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { CaseResult, CaseStart, ChildConfig, ChildMessage, ChildReady } from './protocol'
import { CONFIG_ENV, parseMessage } from './protocol'

/** How a case ended, seen from outside the child. */
export type CaseEnd =
  | { readonly kind: 'result'; readonly start: CaseStart | undefined; readonly result: CaseResult }
  | { readonly kind: 'crash'; readonly start: CaseStart | undefined; readonly reason: string }
  | { readonly kind: 'hang'; readonly start: CaseStart | undefined; readonly reason: string }

export interface ChildOptions {
  readonly childPath: string
  readonly config: ChildConfig
  /** The child's TMPDIR: its own, so files left behind can be told apart. */
  readonly tmpDir: string
  /** The JS heap cap; native (libvips) memory is watched through maxRssMb instead. */
  readonly maxHeapMb: number
  /** Resident memory above which the child is killed and its case counted as a crash. */
  readonly maxRssMb: number
}

const RSS_POLL_MS = 200
const STDERR_TAIL_CHARS = 2000

/**
 * One fuzz child process: starts it, hands it cases one at a time, and turns what happens into
 * a CaseEnd: its result, or a crash (exit, signal, memory past the cap), or a hang (no result
 * within the timeout; the child is then killed). After a crash or a hang the session is dead
 * and the caller starts another.
 */
export class ChildSession {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly rssTimer: NodeJS.Timeout
  private stdoutRest = ''
  private stderrTail = ''
  private lastStart: CaseStart | undefined
  private exitReason: string | undefined
  /** Messages not yet taken by next(): one stdout chunk can carry several. */
  private readonly queue: ChildMessage[] = []
  private wake: (() => void) | undefined

  constructor(private readonly options: ChildOptions) {
    this.child = spawn(
      process.execPath,
      [`--max-old-space-size=${options.maxHeapMb}`, options.childPath],
      {
        env: {
          ...process.env,
          [CONFIG_ENV]: JSON.stringify(options.config),
          TMPDIR: options.tmpDir
        },
        stdio: ['pipe', 'pipe', 'pipe']
      }
    )
    this.child.stdout.setEncoding('utf8')
    this.child.stdout.on('data', (chunk: string) => this.onStdout(chunk))
    this.child.stderr.setEncoding('utf8')
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS)
    })
    // Writing to a child that just died raises EPIPE here; the exit handler reports the death.
    this.child.stdin.on('error', () => undefined)
    this.child.on('exit', (code, signal) => {
      clearInterval(this.rssTimer)
      this.exitReason ??= signal ? `killed by ${signal}` : `exited with code ${code}`
      this.wake?.()
    })
    this.rssTimer = setInterval(() => this.checkMemory(), RSS_POLL_MS)
  }

  /** Waits for the child to make its seeds and say it is ready. */
  async ready(timeoutMs: number): Promise<ChildReady> {
    const message = await this.next(timeoutMs)
    if (message === undefined || message === 'timeout' || message.type !== 'ready') {
      throw new Error(`the fuzz child did not start: ${this.deathReason()}`)
    }
    return message
  }

  /** Runs one case; a crash or hang leaves this session dead. */
  async run(index: number, timeoutMs: number): Promise<CaseEnd> {
    this.lastStart = undefined
    this.child.stdin.write(`${index}\n`)
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const message = await this.next(deadline - Date.now())
      if (message === 'timeout') {
        this.kill()
        return {
          kind: 'hang',
          start: this.lastStart,
          reason: `no result within ${timeoutMs} ms`
        }
      }
      if (message === undefined) {
        return { kind: 'crash', start: this.lastStart, reason: this.deathReason() }
      }
      if (message.type === 'start') this.lastStart = message
      if (message.type === 'result' && message.case === index) {
        return { kind: 'result', start: this.lastStart, result: message }
      }
    }
  }

  /** Ends the child: stdin closed for a clean exit, SIGKILL if it does not go. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin.end()
    const timer = setTimeout(() => this.kill(), 5000)
    await exited
    clearTimeout(timer)
  }

  private kill(): void {
    clearInterval(this.rssTimer)
    this.child.kill('SIGKILL')
  }

  /** The next message, undefined when the child died, 'timeout' when none came in time. */
  private async next(timeoutMs: number): Promise<ChildMessage | undefined | 'timeout'> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const queued = this.queue.shift()
      if (queued) return queued
      if (this.exitReason !== undefined) return undefined
      const left = deadline - Date.now()
      if (left <= 0) return 'timeout'
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = undefined
    }
  }

  private onStdout(chunk: string): void {
    const lines = (this.stdoutRest + chunk).split('\n')
    this.stdoutRest = lines.pop() ?? ''
    for (const line of lines) {
      const message = parseMessage(line)
      if (message) this.deliver(message)
    }
  }

  private deliver(message: ChildMessage): void {
    this.queue.push(message)
    this.wake?.()
  }

  /** Native memory is invisible to V8's cap: read the resident size the kernel reports. */
  private checkMemory(): void {
    const rssMb = residentMb(this.child.pid)
    if (rssMb !== undefined && rssMb > this.options.maxRssMb) {
      this.exitReason = `resident memory ${rssMb} MB passed the ${this.options.maxRssMb} MB cap`
      this.kill()
    }
  }

  private deathReason(): string {
    const tail = this.stderrTail.trim()
    return `${this.exitReason ?? 'exited'}${tail ? `; stderr: ${tail}` : ''}`
  }
}

/** VmRSS from /proc (Linux); undefined elsewhere or once the process is gone. */
function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1]
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024)
  } catch {
    return undefined
  }
}
