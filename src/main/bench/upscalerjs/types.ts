/** One UpscalerJS measurement: a Lucid model id, run through UpscalerJS on TF.js. */
export interface UpscalerJsRun {
  /** A Lucid manifest id (resources/models/manifest.json), e.g. `esrgan-slim-x2`. */
  modelId: string
  inputPng: string
  /** TF.js backend: `cpu` is pure JavaScript, `wasm` the XNNPACK WebAssembly build. */
  backend: 'cpu' | 'wasm'
  /** Limit on the inference alone; model loading and warm-up have their own (SETUP_TIMEOUT_MS). */
  timeoutMs: number
}

export interface UpscalerJsResult {
  /** Seconds of the `execute` call; null when it timed out or failed. */
  seconds: number | null
  /** Set on a timeout: the inference took at least this long. */
  lowerBoundSeconds?: number
  /** [height, width, 3] of UpscalerJS's output, to check both runtimes made the same size. */
  outputShape?: number[]
  /** What ran (builds, backend binary, warm-up), or why there is no time. */
  note?: string
}
