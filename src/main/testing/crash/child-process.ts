import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildTestWorker } from '../../engine/worker/test-worker/build-test-worker'
import type { ChildConfig, ChildReport } from './child-protocol'

let bundle: Promise<string> | undefined

/** The crash child bundled to CommonJS (once per test process). */
export function crashChildScript(): Promise<string> {
  bundle ??= buildTestWorker(join(__dirname, 'crash-child.ts'))
  return bundle
}

/** A running crash child: its reports as they come, and a way to kill it. */
export class CrashChild {
  readonly reports: ChildReport[] = []
  /** Resolves with the exit code (null after a signal) once the child is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private readonly process: ChildProcessWithoutNullStreams
  private readonly waiters: { test: (r: ChildReport) => boolean; resolve: () => void }[] = []
  private stderr = ''

  constructor(script: string, config: ChildConfig) {
    this.process = spawn(process.execPath, [script, JSON.stringify(config)])
    let partial = ''
    this.process.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) this.received(JSON.parse(line) as ChildReport)
    })
    this.process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk))
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => resolve({ code, signal }))
    )
  }

  /** Resolves at the first report that passes `test` (also one already received). */
  waitFor(test: (report: ChildReport) => boolean, timeoutMs = 60_000): Promise<void> {
    if (this.reports.some(test)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such report; stderr: ${this.stderr}`)),
        timeoutMs
      )
      void this.exited.then(() =>
        reject(new Error(`the child exited first; stderr: ${this.stderr}`))
      )
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  }

  /** SIGKILL: no exit handler, no finally block, no signal-exit clean-up runs. */
  kill(): void {
    this.process.kill('SIGKILL')
  }

  get errors(): string {
    return this.stderr
  }

  private received(report: ChildReport): void {
    this.reports.push(report)
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(report)) continue
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
}
