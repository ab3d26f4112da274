/**
 * The one error shape that crosses every boundary (IPC, bridge, CLI). Codes are stable
 * identifiers the UI can branch on; messages are written for people.
 */
export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_LARGE',
  'WOULD_OVERWRITE_ORIGINAL',
  'WRITE_FAILED',
  'CANCELLED',
  'MODEL_MISSING',
  'INFERENCE_FAILED',
  'OUT_OF_MEMORY',
  'INTERNAL'
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface LucidErrorShape {
  readonly code: ErrorCode
  readonly message: string
}

export class LucidError extends Error implements LucidErrorShape {
  override readonly name = 'LucidError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }

  toShape(): LucidErrorShape {
    return { code: this.code, message: this.message }
  }
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LucidErrorShape }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

/** Turns a Result back into a value, throwing a LucidError for a failure. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new LucidError(result.error.code, result.error.message)
}

export function isLucidError(value: unknown): value is LucidError {
  return value instanceof LucidError
}
