import type { ProviderName } from '../../../shared/domain/restoration'
import { errorText } from './inference-errors'
import type { ProviderAttempt } from './providers'
import { providerLabels } from './providers'

/** What the first provider that worked produced, and why the ones before it did not. */
export interface Opened<S> {
  readonly value: S
  readonly provider: ProviderName
  /** e.g. "CUDA unavailable: Failed to load shared library; running on CPU" */
  readonly fallbackReason?: string
}

/**
 * Tries each provider of a plan in order until `open` succeeds. A provider the binary does not
 * list in `available` (onnxruntime-node's `listSupportedBackends()`) is skipped without trying,
 * which avoids onnxruntime's slower, noisier failure path.
 *
 * @throws whatever the last attempt threw, when every provider failed
 */
export async function openWithFallback<S>(
  plan: readonly ProviderAttempt[],
  open: (attempt: ProviderAttempt) => Promise<S>,
  available?: ReadonlySet<string>
): Promise<Opened<S>> {
  const failures: string[] = []
  let lastError: unknown = new Error('The provider plan is empty')
  for (const attempt of plan) {
    const label = providerLabels[attempt.provider]
    if (available && attempt.provider !== 'cpu' && !available.has(attempt.provider)) {
      failures.push(`${label} unavailable: not included in this onnxruntime-node build`)
      continue
    }
    try {
      const value = await open(attempt)
      if (failures.length === 0) return { value, provider: attempt.provider }
      return {
        value,
        provider: attempt.provider,
        fallbackReason: `${failures.join('; ')}; running on ${label}`
      }
    } catch (error) {
      lastError = error
      failures.push(`${label} unavailable: ${errorText(error)}`)
    }
  }
  throw lastError
}
