import { watch } from 'node:fs'
import { basename } from 'node:path'
import type { Random } from '../fuzz/prng'
import type { CrashChild } from './child-process'
import { isTempName } from './export-check'

/** When a run's SIGKILL goes out, drawn from the run's seeded random source. */
export type KillPlan =
  /** At the `nth` temporary file to appear in the folder, plus `afterMs` (within the write). */
  | { readonly kind: 'mid-write'; readonly nth: number; readonly afterMs: number }
  /** `afterMs` after the child reported it was ready: anywhere in encoding or writing. */
  | { readonly kind: 'any-time'; readonly afterMs: number }

/**
 * Kills `child` as `plan` says and resolves with Date.now() at the kill. A temporary file
 * lives only a few milliseconds (write, fsync, rename), so mid-write plans watch the folder
 * and fire from the watcher's event rather than from a clock started earlier.
 */
export function killAsPlanned(child: CrashChild, folder: string, plan: KillPlan): Promise<number> {
  const kill = (): number => {
    const at = Date.now()
    child.kill()
    return at
  }
  if (plan.kind === 'any-time') {
    return new Promise((resolve) => setTimeout(() => resolve(kill()), plan.afterMs))
  }
  return new Promise((resolve) => {
    const seen = new Set<string>()
    const watcher = watch(folder, (_event, name) => {
      if (!name || !isTempName(basename(name)) || seen.has(name)) return
      seen.add(name)
      if (seen.size < plan.nth) return
      watcher.close()
      // Below a millisecond a timer cannot wait: kill straight from the event.
      if (plan.afterMs < 1) resolve(kill())
      else setTimeout(() => resolve(kill()), plan.afterMs)
    })
    // Should the child die on its own, the plan is moot: resolve so the run reports it.
    void child.exited.then(() => {
      watcher.close()
      resolve(Date.now())
    })
  })
}

/** A plan for one export run: mostly aimed inside a write, some anywhere. */
export function exportKillPlan(random: Random, writeWindowMs: number): KillPlan {
  return random.next() < 0.65
    ? { kind: 'mid-write', nth: random.int(1, 3), afterMs: random.next() * writeWindowMs }
    : { kind: 'any-time', afterMs: random.int(0, 900) }
}
