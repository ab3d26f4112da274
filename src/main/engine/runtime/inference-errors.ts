import { LucidError } from '../../../shared/ipc/errors'

/**
 * onnxruntime reports allocation failures as plain Errors; these are the spellings its CPU
 * arena, the CUDA and cuDNN/cuBLAS runtimes and DirectML use.
 */
const OUT_OF_MEMORY =
  /fail(ed)? to allocate|out of memory|bad_alloc|memory allocation|ALLOC_FAILED|cudaErrorMemoryAllocation|E_OUTOFMEMORY/i

/** The message of anything thrown, on one line and short enough for a dialog. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error'
  const line = firstLine.trim()
  return line.length > 300 ? `${line.slice(0, 297)}…` : line
}

export function isOutOfMemory(error: unknown): boolean {
  return OUT_OF_MEMORY.test(error instanceof Error ? error.message : String(error))
}

/**
 * A failed `session.run` as the error the operations branch on: OUT_OF_MEMORY (retry with
 * smaller tiles or on the CPU) or INFERENCE_FAILED.
 */
export function inferenceError(modelId: string, provider: string, error: unknown): LucidError {
  if (error instanceof LucidError) return error
  if (isOutOfMemory(error)) {
    return new LucidError(
      'OUT_OF_MEMORY',
      `${modelId} ran out of memory on ${provider}: ${errorText(error)}`,
      { cause: error }
    )
  }
  return new LucidError(
    'INFERENCE_FAILED',
    `${modelId} failed on ${provider}: ${errorText(error)}`,
    {
      cause: error
    }
  )
}

/**
 * A session that could not be created even on the CPU. The file had the manifest's size, so a
 * load failure means it is damaged or from another converter: regenerating fixes both.
 */
export function sessionLoadError(modelId: string, error: unknown): LucidError {
  if (error instanceof LucidError) return error
  if (isOutOfMemory(error)) {
    return new LucidError(
      'OUT_OF_MEMORY',
      `Not enough memory to load ${modelId}: ${errorText(error)}`,
      { cause: error }
    )
  }
  return new LucidError(
    'MODEL_MISSING',
    `The model ${modelId} could not be loaded (${errorText(error)}); run \`npm run models\` to regenerate it`,
    { cause: error }
  )
}
