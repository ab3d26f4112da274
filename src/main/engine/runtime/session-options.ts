import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import type { InferenceSession } from 'onnxruntime-node'
import type { ProviderAttempt } from './providers'

/**
 * Options for every session. Sequential execution: our graphs are chains of convolutions with
 * little branch parallelism, and a second pool of inter-op threads would only compete with the
 * intra-op pool. One intra-op thread per physical core: hyper-threads share the FPUs that
 * convolutions saturate, so using them adds contention rather than speed.
 */
export function sessionOptions(attempt: ProviderAttempt): InferenceSession.SessionOptions {
  const cores = physicalCoreCount()
  return {
    executionProviders: [attempt.config],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    // 0 lets onnxruntime pick, which it does by counting physical cores itself.
    intraOpNumThreads: cores ?? 0,
    // Warnings only: onnxruntime's info level logs every node placement.
    logSeverityLevel: 2,
    // Idle intra-op threads otherwise busy-wait for the next node, taking the cores from the UI,
    // the main thread and sharp (on 2 cores it pushed the main thread's timer lag past 100 ms).
    extra: { 'session.intra_op.allow_spinning': '0' }
  }
}

let cachedCores: number | null | undefined

/**
 * Physical cores this process may use, where the OS tells us cheaply (Linux: distinct
 * physical id / core id pairs in /proc/cpuinfo, capped by the CPUs we are allowed to run on);
 * undefined elsewhere.
 */
export function physicalCoreCount(): number | undefined {
  if (cachedCores === undefined) cachedCores = readPhysicalCores()
  return cachedCores ?? undefined
}

function readPhysicalCores(): number | null {
  if (process.platform !== 'linux') return null
  try {
    const cores = countPhysicalCores(readFileSync('/proc/cpuinfo', 'utf8'))
    return cores === null ? null : Math.max(1, Math.min(cores, availableParallelism()))
  } catch {
    return null
  }
}

/** Distinct (physical id, core id) pairs of a /proc/cpuinfo text; null when it has none. */
export function countPhysicalCores(cpuinfo: string): number | null {
  const cores = new Set<string>()
  for (const block of cpuinfo.split(/\n\s*\n/)) {
    const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1]
    if (core === undefined) continue
    const socket = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1] ?? '0'
    cores.add(`${socket}:${core}`)
  }
  return cores.size > 0 ? cores.size : null
}
