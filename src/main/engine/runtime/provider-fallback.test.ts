import { describe, expect, it } from 'vitest'
import { openWithFallback } from './provider-fallback'
import type { ProviderAttempt } from './providers'
import { providerPlan } from './providers'

const winAuto = providerPlan('win32', { kind: 'auto' }, 'x64')

/** An opener that fails for the named providers with the given messages. */
function opener(failures: Record<string, string>): (attempt: ProviderAttempt) => Promise<string> {
  return (attempt) => {
    const message = failures[attempt.provider]
    return message === undefined
      ? Promise.resolve(`session on ${attempt.provider}`)
      : Promise.reject(new Error(message))
  }
}

describe('openWithFallback', () => {
  it('uses the first provider that opens, with no reason', async () => {
    const opened = await openWithFallback(winAuto, opener({}))
    expect(opened).toEqual({ value: 'session on cuda', provider: 'cuda' })
  })

  it('falls back in plan order and says why each earlier provider was passed over', async () => {
    const opened = await openWithFallback(
      winAuto,
      opener({ cuda: 'Failed to load shared library\n  at native frames', dml: 'no adapter' })
    )
    expect(opened.provider).toBe('cpu')
    expect(opened.fallbackReason).toBe(
      'CUDA unavailable: Failed to load shared library; DirectML unavailable: no adapter; running on CPU'
    )
  })

  it('skips providers the binary does not list without trying them', async () => {
    const tried: string[] = []
    const opened = await openWithFallback(
      winAuto,
      (attempt) => {
        tried.push(attempt.provider)
        return Promise.resolve(attempt.provider)
      },
      new Set(['cpu', 'dml'])
    )
    expect(tried).toEqual(['dml'])
    expect(opened.provider).toBe('dml')
    expect(opened.fallbackReason).toBe(
      'CUDA unavailable: not included in this onnxruntime-node build; running on DirectML'
    )
  })

  it('throws the last error when even the CPU fails', async () => {
    await expect(
      openWithFallback(winAuto, opener({ cuda: 'a', dml: 'b', cpu: 'protobuf parsing failed' }))
    ).rejects.toThrow('protobuf parsing failed')
  })
})
