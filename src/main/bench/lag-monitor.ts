import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { LagStats } from './bench-report'

/** Sampling period: fine enough to see a 20 ms stall, coarse enough to cost nothing. */
const RESOLUTION_MS = 10

/**
 * Starts measuring how late the main thread's event loop runs its timers: the delay a click,
 * an IPC reply or a progress update would wait while a job runs. Call the returned function
 * to stop and read the percentiles.
 */
export function startLagMonitor(): () => LagStats {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  return () => {
    histogram.disable()
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0)
    return {
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max)
    }
  }
}
