import { describe, expect, it } from 'vitest'
import { ProgressTracker } from './progress-tracker'

/** A tracker on a clock the test moves. */
function tracker(): { track: ProgressTracker; advance: (ms: number) => void } {
  let now = 1_000
  return { track: new ProgressTracker(() => now), advance: (ms) => (now += ms) }
}

describe('ProgressTracker', () => {
  it('has no ETA until a tile is timed, then extrapolates the measured rate', () => {
    const { track, advance } = tracker()
    expect(track.update({ tilesDone: 0, tilesTotal: 10, stage: 'Deblurring' })).toEqual({
      fraction: 0,
      tilesDone: 0,
      tilesTotal: 10,
      etaSeconds: null,
      stage: 'Deblurring'
    })
    advance(500)
    expect(track.update({ tilesDone: 1, tilesTotal: 10, stage: 'Deblurring' }).etaSeconds).toBe(4.5)
    advance(1500) // two tiles in 2 s overall: 1 s per tile from here
    const later = track.update({ tilesDone: 2, tilesTotal: 10, stage: 'Deblurring' })
    expect(later.fraction).toBeCloseTo(0.2)
    expect(later.etaSeconds).toBe(8)
  })

  it('times each stage on its own, so loading a model is not counted as tile time', () => {
    const { track, advance } = tracker()
    track.update({ tilesDone: 0, tilesTotal: 1, stage: 'Loading model' })
    advance(5_000)
    track.update({ tilesDone: 0, tilesTotal: 4, stage: 'Upscaling' })
    advance(200)
    expect(
      track.update({ tilesDone: 1, tilesTotal: 4, stage: 'Upscaling' }).etaSeconds
    ).toBeCloseTo(0.6)
  })

  it('restarts the timing when a same-named pass starts again from zero', () => {
    const { track, advance } = tracker()
    track.update({ tilesDone: 0, tilesTotal: 2, stage: 'Upscaling' })
    advance(1_000)
    track.update({ tilesDone: 2, tilesTotal: 2, stage: 'Upscaling' })
    advance(10_000)
    expect(track.update({ tilesDone: 0, tilesTotal: 2, stage: 'Upscaling' }).etaSeconds).toBeNull()
    advance(100)
    expect(
      track.update({ tilesDone: 1, tilesTotal: 2, stage: 'Upscaling' }).etaSeconds
    ).toBeCloseTo(0.1)
  })

  it('reports a stage without tiles as 0 and clamps counts past the total', () => {
    const { track } = tracker()
    expect(track.update({ tilesDone: 0, tilesTotal: 0, stage: 'Loading model' }).fraction).toBe(0)
    expect(track.update({ tilesDone: 7, tilesTotal: 5, stage: 'Denoising' })).toMatchObject({
      fraction: 1,
      tilesDone: 5
    })
  })
})
