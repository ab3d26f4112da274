import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import type { InferenceSession } from 'onnxruntime-node'
import type { ProviderAttempt } from './providers'

/**
 * Options for every session. Sequential execution: our graphs are chains of convolutions with
 * little branch parallelism, and a second pool of inter-op threads would only compete with the
 * intra-op pool. One intra-op thread per physical core: hyper-threads share the FPUs that
 * convolutions saturate, so using them adds contention rather than speed.
 *
 * Measured (src/main/engine/runtime/measure/session-variants.ts, variants interleaved, medians;
 * 2-core Xeon with AVX-512 under a load average of 8–10 from other work, so ±15 % noise):
 * esrgan-slim-x2 on a 256² tile, 15 rounds: these options 800 / 906 ms; parallel execution
 * with 2 inter-op threads 1,244 ms (worse: kept sequential); CPU arena off 960 ms (worse: kept
 * on); memory pattern on 767 / 781 ms (slightly better per tile, but see enableMemPattern).
 * One intra-op thread won on that loaded machine (711 ms; thick 128²: 2.6 s against 3.0 s)
 * only because 2 threads each waited for the other to be scheduled; with the cores free the
 * second thread nearly halves a tile, so the count stays at the physical cores.
 */
export function sessionOptions(attempt: ProviderAttempt): InferenceSession.SessionOptions {
  const cores = physicalCoreCount()
  return {
    executionProviders: [attempt.config],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    // Off: onnxruntime plans and keeps a memory pattern for every distinct input shape, and the
    // ESRGAN tiles' shapes vary with every image's edges. The soak (src/main/testing/soak) saw
    // RSS climb without end with it on (esrgan-slim-x2, 400 random tile shapes: +55 MB and
    // still rising, against flat with it off), and each new shape's planning doubled the
    // time per tile. The arena still serves the activations. Fixed tile shapes (every ESRGAN
    // tile the manifest's size, so one pattern per model) were measured as the alternative and
    // not kept: on a 1632×1224 photo (slim ×2) 28.2 s against 26.8 s for exact-size tiles with
    // the pattern off (the padding adds 6–9 % of FLOPs, more than the pattern saves), and RSS
    // after 150 random image sizes was no lower (364 MiB fixed + pattern, 370 MiB exact +
    // pattern, 246 MiB exact without it).
    enableMemPattern: false,
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
