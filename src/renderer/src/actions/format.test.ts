import { describe, expect, it } from 'vitest'
import {
  estimateLabel,
  fallbackHint,
  formatBytes,
  formatDuration,
  formatEta,
  formatPercent,
  progressLabel
} from './format'

describe('formatDuration', () => {
  it('reads like a countdown at every scale', () => {
    expect(formatDuration(0.4)).toBe('< 1 s')
    expect(formatDuration(12.4)).toBe('12 s')
    expect(formatDuration(59.4)).toBe('59 s')
    expect(formatDuration(59.7)).toBe('1 min')
    expect(formatDuration(3599)).toBe('1 h')
    expect(formatDuration(60)).toBe('1 min')
    expect(formatDuration(125)).toBe('2 min 5 s')
    expect(formatDuration(11 * 60 + 40)).toBe('12 min')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(3600 + 4 * 60 + 10)).toBe('1 h 4 min')
  })

  it('does not print nonsense for impossible input', () => {
    expect(formatDuration(-1)).toBe('—')
    expect(formatDuration(Number.NaN)).toBe('—')
  })
})

describe('formatEta', () => {
  it('says the time left, or that it is not known yet', () => {
    expect(formatEta(40)).toBe('about 40 s left')
    expect(formatEta(null)).toBe('estimating time left…')
    expect(formatEta(0.2)).toBe('almost done')
  })
})

describe('fallbackHint', () => {
  it('keeps the first clause of a provider error and says the CPU runs it', () => {
    const reason =
      'CUDA unavailable: OrtSessionOptionsAppendExecutionProvider_CUDA: Failed to load shared library; running on CPU'
    expect(
      fallbackHint({ provider: 'cpu', device: 'CPU', seconds: 3, fallbackReason: reason })
    ).toBe('CUDA unavailable; using the CPU')
    expect(fallbackHint({ provider: 'cpu', device: 'CPU', seconds: 3 })).toBeUndefined()
  })
})

describe('estimateLabel', () => {
  it('names the time and the device', () => {
    expect(estimateLabel({ provider: 'cpu', device: 'CPU (2 threads)', seconds: 12 })).toBe(
      '≈ 12 s on CPU (2 threads)'
    )
  })

  it('names only the device when the time is unknown', () => {
    expect(estimateLabel({ provider: 'cuda', device: 'RTX 4070 (CUDA)', seconds: null })).toBe(
      'Runs on RTX 4070 (CUDA)'
    )
  })
})

describe('progressLabel', () => {
  const base = {
    docId: 'd',
    label: 'Deblur',
    stage: 'Deblurring',
    fraction: 0.25,
    etaSeconds: 30,
    cancellable: true,
    done: false
  }
  it('counts tiles only when there is more than one', () => {
    expect(progressLabel({ ...base, tilesDone: 3, tilesTotal: 12 })).toBe(
      'Deblurring · tile 3 of 12'
    )
    expect(progressLabel({ ...base, tilesDone: 0, tilesTotal: 1 })).toBe('Deblurring')
  })
})

describe('formatBytes and formatPercent', () => {
  it('uses decimal units with sensible precision', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(820_000)).toBe('820 KB')
    expect(formatBytes(12_400_000)).toBe('12 MB')
    expect(formatBytes(2_460_000)).toBe('2.5 MB')
    expect(formatPercent(0.755)).toBe('76 %')
  })
})
