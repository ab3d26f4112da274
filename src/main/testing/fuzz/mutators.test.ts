import { describe, expect, it } from 'vitest'
import type { SeedImage } from './mutators'
import { mutatorNames, planCase } from './mutators'

// A PNG-shaped seed (signature and IHDR) with a body of varied bytes, so every mutator applies.
const png: SeedImage = {
  name: 'tiny.png',
  bytes: Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100802000000000000', 'hex'),
    Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256))
  ])
}
const seeds = [png, { ...png, name: 'other.png' }]

describe('planCase', () => {
  it('is a pure function of the run seed and the case number', () => {
    const a = planCase(seeds, 5, 123)
    const b = planCase(seeds, 5, 123)
    expect(b.bytes.equals(a.bytes)).toBe(true)
    expect(b.detail).toBe(a.detail)
    expect(planCase(seeds, 6, 123).bytes.equals(a.bytes)).toBe(false)
  })

  it('tries every mutator on every seed within seeds × mutators consecutive cases', () => {
    const span = seeds.length * mutatorNames.length
    const pairs = new Set(
      Array.from({ length: span }, (_, i) => planCase(seeds, 1, 40 + i)).map(
        (c) => `${c.seed}/${c.mutator}`
      )
    )
    expect(pairs.size).toBe(span)
  })

  it('damages the seed and leaves the seed itself as it was', () => {
    const before = Buffer.from(png.bytes)
    for (let i = 0; i < 64; i++) {
      const fuzzCase = planCase(seeds, 9, i)
      expect(fuzzCase.bytes.equals(png.bytes), `${fuzzCase.mutator}: ${fuzzCase.detail}`).toBe(
        false
      )
    }
    expect(png.bytes.equals(before)).toBe(true)
  })
})
