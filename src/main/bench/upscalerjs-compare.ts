import type { ModelRow, UpscalerJsRow, UpscalerJsTime } from './bench-report'
import { UPSCALERJS_SPEEDUP } from './targets'
import { runUpscalerJs } from './upscalerjs'

const MIN_TIMEOUT_MS = 10_000
const MAX_TIMEOUT_MS = 300_000

/**
 * Inference time limit for UpscalerJS: long enough to show the speed-up target with margin
 * (a run stopped there still proves "≥ 6×"), short enough that the pure-JS backend, which can
 * take hours on MAXIM, does not hold the bench up. At least 10 s, at most 5 minutes.
 */
export function upscalerJsTimeoutMs(lucidSeconds: number): number {
  const wanted = lucidSeconds * (UPSCALERJS_SPEEDUP + 1) * 1000
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.ceil(wanted)))
}

/**
 * The CPU backend's limit once WASM has run: the target compares against UpscalerJS's faster
 * backend, so pure-JS CPU only matters if it beats WASM. It is stopped once it has taken as
 * long as WASM did (its time is then a lower bound) — except that it always gets 10 s.
 */
export function cpuTimeoutMs(timeoutMs: number, wasm: UpscalerJsTime): number {
  const wasmSeconds = wasm.seconds ?? wasm.lowerBoundSeconds
  if (wasmSeconds === undefined) return timeoutMs
  return Math.min(timeoutMs, Math.max(MIN_TIMEOUT_MS, Math.ceil(wasmSeconds * 1000)))
}

/**
 * Runs the same crop through UpscalerJS on TF.js's WASM and then CPU backends (each in its
 * own child, see ./upscalerjs), next to Lucid's best time. A backend that fails is recorded with
 * its note rather than stopping the bench.
 */
export async function compareWithUpscalerJs(
  row: ModelRow,
  options: { readonly quick: boolean; readonly onProgress: (line: string) => void }
): Promise<UpscalerJsRow> {
  const { onProgress } = options
  // A smoke run only checks that UpscalerJS runs: the shortest limit.
  const timeoutMs = options.quick ? MIN_TIMEOUT_MS : upscalerJsTimeoutMs(row.bestSeconds)
  const time = async (backend: 'cpu' | 'wasm', limitMs: number): Promise<UpscalerJsTime> => {
    onProgress(`UpscalerJS ${row.modelId} (${backend}, limit ${Math.round(limitMs / 1000)} s)`)
    try {
      const result = await runUpscalerJs({
        modelId: row.modelId,
        inputPng: row.input.path,
        backend,
        timeoutMs: limitMs
      })
      return {
        seconds: result.seconds,
        ...(result.lowerBoundSeconds === undefined
          ? {}
          : { lowerBoundSeconds: result.lowerBoundSeconds }),
        ...(result.note === undefined ? {} : { note: result.note })
      }
    } catch (error) {
      return { seconds: null, note: error instanceof Error ? error.message : String(error) }
    }
  }
  const wasm = await time('wasm', timeoutMs)
  const cpu = await time('cpu', cpuTimeoutMs(timeoutMs, wasm))
  return { modelId: row.modelId, lucidSeconds: row.bestSeconds, cpu, wasm }
}
