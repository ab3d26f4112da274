import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildResult, ChildTask, ChildValue } from './child-task'
import { RESULT_ENV, TASK_ENV } from './child-task'

/**
 * Runs one task in a fresh `node bench-child.cjs` process and returns what it wrote, with its
 * peak resident memory. The child's own output goes to this terminal. Never throws: a crash,
 * a timeout or a failed task comes back as `ok: false`.
 */
export async function runInChild<K extends ChildTask['kind']>(
  childPath: string,
  task: ChildTask & { readonly kind: K },
  timeoutMs: number
): Promise<ChildResult<ChildValue<K>>> {
  const dir = await mkdtemp(join(tmpdir(), 'lucid-bench-result-'))
  const resultPath = join(dir, 'result.json')
  try {
    const ended = await new Promise<string | null>((resolve) => {
      const child = spawn(process.execPath, [childPath], {
        env: { ...process.env, [TASK_ENV]: JSON.stringify(task), [RESULT_ENV]: resultPath },
        stdio: ['ignore', 'inherit', 'inherit']
      })
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        resolve(`timed out after ${Math.round(timeoutMs / 1000)} s`)
      }, timeoutMs)
      child.on('error', (error) => {
        clearTimeout(timer)
        resolve(error.message)
      })
      child.on('exit', (code, signal) => {
        clearTimeout(timer)
        resolve(code === 0 ? null : `child exited with ${signal ?? `code ${code}`}`)
      })
    })
    const written = await readFile(resultPath, 'utf8').catch(() => null)
    if (written !== null) return JSON.parse(written) as ChildResult<ChildValue<K>>
    return { ok: false, error: ended ?? 'the child wrote no result', maxRssKiB: 0 }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
