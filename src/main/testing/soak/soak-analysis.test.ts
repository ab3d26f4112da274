import { describe, expect, it } from 'vitest'
import type { ResourceSample } from './soak-analysis'
import { analyseSoak, cutWindows, median } from './soak-analysis'

const MB = 1024 ** 2

/** A deterministic ±`amplitude` wobble, so noise tests do not depend on a random draw. */
function wobble(i: number, amplitude: number): number {
  return amplitude * Math.sin(i * 1.7) * Math.cos(i * 0.31)
}

/** `n` samples: RSS and fds from functions of the job index, the rest flat. */
function series(
  n: number,
  rss: (i: number) => number,
  fds: (i: number) => number | null = () => 40
): ResourceSample[] {
  return Array.from({ length: n }, (_, i) => ({
    rss: rss(i),
    heapUsed: 50 * MB,
    external: 10 * MB,
    arrayBuffers: 5 * MB,
    fds: fds(i)
  }))
}

/** Warm-up rises steeply to 600 MB (sessions load), then whatever `after` says. */
function withWarmup(i: number, warmup: number, after: (j: number) => number): number {
  return i < warmup ? 200 * MB + (400 * MB * i) / warmup : after(i - warmup)
}

describe('analyseSoak', () => {
  it('passes a flat plateau with ±4% noise and ignores the warm-up climb', () => {
    const samples = series(1000, (i) => withWarmup(i, 100, (j) => 600 * MB * (1 + wobble(j, 0.04))))
    const analysis = analyseSoak(samples, { warmupJobs: 100 })
    expect(analysis.pass).toBe(true)
    expect(analysis.reasons).toEqual([])
    expect(analysis.windowSize).toBe(90)
    expect(analysis.rss.windowLevels).toHaveLength(10)
    expect(Math.abs(analysis.rss.worstWindowDeviation)).toBeLessThan(0.04)
    expect(analysis.fds).toEqual({ start: 40, end: 40, pass: true })
  })

  it('fails a linear 20% growth after warm-up', () => {
    const samples = series(1000, (i) => withWarmup(i, 100, (j) => 600 * MB * (1 + (0.2 * j) / 900)))
    const analysis = analyseSoak(samples, { warmupJobs: 100 })
    expect(analysis.pass).toBe(false)
    expect(analysis.rss.pass).toBe(false)
    expect(analysis.rss.worstWindowDeviation).toBeGreaterThan(0.15)
    expect(analysis.reasons[0]).toMatch(/^RSS rose 1\d\.\d% from its post-warm-up plateau/)
  })

  it('passes a 6% growth (inside ±10%), and fails it under a 5% tolerance', () => {
    const samples = series(600, (i) => withWarmup(i, 100, (j) => 600 * MB * (1 + (0.06 * j) / 500)))
    expect(analyseSoak(samples, { warmupJobs: 100 }).pass).toBe(true)
    expect(analyseSoak(samples, { warmupJobs: 100, rssTolerance: 0.05 }).pass).toBe(false)
  })

  it('fails a fall of more than the tolerance, and says so', () => {
    const samples = series(500, (i) => (i < 250 ? 600 * MB : 450 * MB))
    const analysis = analyseSoak(samples, { warmupJobs: 50 })
    expect(analysis.pass).toBe(false)
    expect(analysis.reasons[0]).toMatch(/^RSS fell 25\.0%/)
  })

  it('does not fail on single spikes, but reports the largest', () => {
    const samples = series(500, (i) => (i > 50 && i % 37 === 0 ? 900 * MB : 600 * MB))
    const analysis = analyseSoak(samples, { warmupJobs: 50 })
    expect(analysis.pass).toBe(true)
    expect(analysis.rss.maxSampleDeviation).toBeCloseTo(0.5)
  })

  it('fails when open descriptors grow, however slowly', () => {
    // One descriptor leaked every 50 jobs: 18 more by the end.
    const samples = series(
      1000,
      () => 600 * MB,
      (i) => 40 + Math.floor(i / 50)
    )
    const analysis = analyseSoak(samples, { warmupJobs: 100 })
    expect(analysis.pass).toBe(false)
    expect(analysis.rss.pass).toBe(true)
    expect(analysis.fds).toMatchObject({ start: 42, pass: false })
    expect(analysis.reasons).toEqual(['Open file descriptors grew from 42 to 59'])
  })

  it('tolerates a descriptor open now and then, and a fall, and allows a justified slack', () => {
    const blips = series(
      500,
      () => 600 * MB,
      (i) => (i % 20 === 0 ? 41 : i > 400 ? 38 : 40)
    )
    expect(analyseSoak(blips, { warmupJobs: 50 }).fds?.pass).toBe(true)
    const plusTwo = series(
      500,
      () => 600 * MB,
      (i) => (i < 300 ? 40 : 42)
    )
    expect(analyseSoak(plusTwo, { warmupJobs: 50 }).fds?.pass).toBe(false)
    expect(analyseSoak(plusTwo, { warmupJobs: 50, fdSlack: 2 }).fds?.pass).toBe(true)
  })

  it('reports descriptors as unknown where they cannot be counted, and judges RSS alone', () => {
    const analysis = analyseSoak(
      series(
        200,
        () => 600 * MB,
        () => null
      ),
      { warmupJobs: 20 }
    )
    expect(analysis.fds).toBeNull()
    expect(analysis.pass).toBe(true)
  })

  it('refuses a run too short to compare two windows', () => {
    expect(() =>
      analyseSoak(
        series(14, () => MB),
        { warmupJobs: 5 }
      )
    ).toThrow('Expected at least two windows of 5 samples after 5 warm-up jobs but received 9')
  })
})

describe('window helpers', () => {
  it('cuts consecutive windows and folds a short remainder into the last', () => {
    expect(cutWindows([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7]
    ])
    expect(cutWindows([1, 2], 5)).toEqual([[1, 2]])
  })

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })
})
