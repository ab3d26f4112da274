import { describe, expect, it } from 'vitest'
import { cpuTimeoutMs, upscalerJsTimeoutMs } from './upscalerjs-compare'

describe('upscalerJsTimeoutMs', () => {
  it('allows 6× Lucid, between 10 s and 5 minutes', () => {
    expect(upscalerJsTimeoutMs(5)).toBe(30_000)
    expect(upscalerJsTimeoutMs(0.1)).toBe(10_000)
    expect(upscalerJsTimeoutMs(100)).toBe(300_000)
  })
})

describe('cpuTimeoutMs', () => {
  it('stops the CPU backend once it has taken as long as WASM', () => {
    expect(cpuTimeoutMs(60_000, { seconds: 20 })).toBe(20_000)
    expect(cpuTimeoutMs(60_000, { seconds: null, lowerBoundSeconds: 60 })).toBe(60_000)
  })

  it('gives it at least 10 s, and the full limit when WASM failed', () => {
    expect(cpuTimeoutMs(60_000, { seconds: 2 })).toBe(10_000)
    expect(cpuTimeoutMs(60_000, { seconds: null, note: 'failed' })).toBe(60_000)
  })
})
