import { describe, expect, it } from 'vitest'
import { CI_MIX, FULL_MIX, planSoak } from './soak-plan'

const photos = [
  { width: 256, height: 256 },
  { width: 1024, height: 1024 },
  { width: 470, height: 340 }
]

describe('planSoak', () => {
  it('is a pure function of the seed', () => {
    expect(planSoak(200, 5, photos, FULL_MIX)).toEqual(planSoak(200, 5, photos, FULL_MIX))
    expect(planSoak(200, 6, photos, FULL_MIX).jobs).not.toEqual(
      planSoak(200, 5, photos, FULL_MIX).jobs
    )
  })

  it('opens with a tour of every kind of job twice at its largest size, never cancelled', () => {
    const { jobs } = planSoak(1000, 1, photos, FULL_MIX)
    const kinds = FULL_MIX.entries.length
    const tour = jobs.slice(0, 2 * kinds)
    const operations = FULL_MIX.entries.map((e) => e.operation)
    expect(tour.map((job) => job.operation)).toEqual([...operations, ...operations])
    for (const [i, job] of tour.entries()) {
      const side = FULL_MIX.entries[i % kinds]?.maxSide
      expect(job.photo).toBe(1) // the largest photo, so no crop is cut short
      expect([job.crop.width, job.crop.height]).toEqual([side, side])
      expect(job.cancelAfterProgress).toBeNull()
    }
    // Each model goes through both routes during the tour.
    for (let i = 0; i < kinds; i++) {
      expect(tour[i]?.route).not.toBe(tour[i + kinds]?.route)
    }
  })

  it('counts the tour or the warm-up share as warm-up, whichever is longer', () => {
    expect(planSoak(1000, 1, photos, FULL_MIX).warmupJobs).toBe(100)
    expect(planSoak(80, 1, photos, CI_MIX).warmupJobs).toBe(20)
    expect(planSoak(40, 1, photos, FULL_MIX).warmupJobs).toBe(2 * FULL_MIX.entries.length)
  })

  it('draws the mix in about its proportions, with crops inside the photos', () => {
    const { jobs } = planSoak(1000, 3, photos, FULL_MIX)
    const drawn = jobs.slice(2 * FULL_MIX.entries.length)
    const share = (test: (job: (typeof jobs)[number]) => boolean): number =>
      drawn.filter(test).length / drawn.length
    expect(share((j) => j.route === 'document')).toBeCloseTo(FULL_MIX.documentShare, 1)
    expect(share((j) => j.cancelAfterProgress !== null)).toBeCloseTo(FULL_MIX.cancelShare, 1)
    const maxim = share((j) => j.operation.op === 'denoise' || j.operation.op === 'deblur')
    expect(maxim).toBeGreaterThan(0.01)
    expect(maxim).toBeLessThan(0.06)
    for (const { crop, photo, operation } of drawn) {
      const size = photos[photo]
      expect(size).toBeDefined()
      expect(crop.left + crop.width).toBeLessThanOrEqual(size?.width ?? 0)
      expect(crop.top + crop.height).toBeLessThanOrEqual(size?.height ?? 0)
      const cap = FULL_MIX.entries.find((e) => e.operation === operation)?.maxSide ?? 0
      expect(Math.max(crop.width, crop.height)).toBeLessThanOrEqual(cap)
      expect(Math.min(crop.width, crop.height)).toBeGreaterThanOrEqual(
        Math.min(FULL_MIX.minSide, size?.width ?? 0, size?.height ?? 0)
      )
    }
    // Reopening needs a saved history, which a dropped copy does not keep.
    expect(drawn.some((j) => j.script === 'reopen' && j.ephemeral)).toBe(false)
  })

  it('refuses a run shorter than its tour, and no photos', () => {
    expect(() => planSoak(3, 1, photos, FULL_MIX)).toThrow(
      'Expected at least 30 jobs for the soak but received 3'
    )
    expect(() => planSoak(100, 1, [], FULL_MIX)).toThrow('Expected at least one photo')
  })
})
