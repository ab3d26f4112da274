import { readdirSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { ResourceSample } from './soak-analysis'

/**
 * The process's memory and open descriptors now. RSS covers the inference worker too: it is a
 * thread of this process, and onnxruntime's sessions and arenas live in its native heap.
 */
export function sampleResources(): ResourceSample {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
  return { rss, heapUsed, external, arrayBuffers, fds: openFdCount() }
}

/** Open file descriptors of this process (Linux: /proc/self/fd); null elsewhere. */
export function openFdCount(): number | null {
  if (process.platform !== 'linux') return null
  try {
    // The listing includes the descriptor that reads the folder itself.
    return readdirSync('/proc/self/fd').length - 1
  } catch {
    return null
  }
}

let gc: (() => void) | undefined

/**
 * A full garbage collection of this thread's heap, so a sample measures what is still
 * referenced rather than when V8 last chose to collect: without it, a dead 50 MB result can sit
 * in the heap for several jobs and read as growth. Uses `--expose-gc` when node was started with
 * it, and turns the flag on otherwise. The worker thread's heap collects on its own schedule.
 */
export function collectGarbage(): void {
  gc ??= exposedGc()
  gc()
}

function exposedGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
