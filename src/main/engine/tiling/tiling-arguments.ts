import { LucidError } from '../../../shared/ipc/errors'

/**
 * Argument checks for the tiling functions, in one error shape:
 * "Expected positive integer for scale but received 0".
 */

/** @throws LucidError INVALID_ARGUMENT unless `value` is an integer ≥ 1 */
export function expectPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(`Expected positive integer for ${name} but received ${value}`)
  }
}

/** @throws LucidError INVALID_ARGUMENT unless `value` is an integer ≥ 0 */
export function expectNonNegativeInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw invalid(`Expected non-negative integer for ${name} but received ${value}`)
  }
}

export function invalid(message: string): LucidError {
  return new LucidError('INVALID_ARGUMENT', message)
}
