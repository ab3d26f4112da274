import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { sharpFromRaw, toRawImage } from '../raw-image'
import { backProject } from './back-projection'

async function texture(size: number): Promise<RawImage> {
  const data = new Uint8Array(size * size * 3)
  for (let i = 0; i < data.length; i++) {
    const p = Math.floor(i / 3)
    const x = p % size
    const y = Math.floor(p / size)
    data[i] = Math.round(128 + 60 * Math.sin(x / 3 + (i % 3)) * Math.cos(y / 5))
  }
  return toRawImage(sharp(data, { raw: { width: size, height: size, channels: 3 } }))
}

const reduce = (image: RawImage, width: number, height: number): Promise<RawImage> =>
  toRawImage(sharpFromRaw(image).resize(width, height, { kernel: 'cubic', fit: 'fill' }))

function meanAbs(a: RawImage, b: RawImage): number {
  let sum = 0
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0))
  return sum / a.data.length
}

describe('backProject', () => {
  it('makes a biased enlargement reduce back to the small photo', async () => {
    const small = await texture(32)
    // An "enlargement" that drifted: too dark by 20 levels.
    const enlarged = await toRawImage(sharpFromRaw(small).resize(128, 128, { kernel: 'nearest' }))
    const drifted: RawImage = { ...enlarged, data: enlarged.data.map((v) => Math.max(0, v - 20)) }
    const before = meanAbs(await reduce(drifted, 32, 32), small)
    const corrected = await backProject(small, drifted, 3)
    const after = meanAbs(await reduce(corrected, 32, 32), small)
    expect(before).toBeGreaterThan(15)
    expect(after).toBeLessThan(before / 5)
    expect(corrected.width).toBe(128)
    expect(corrected.bitDepth).toBe(8)
  })

  it('zero rounds return the enlargement untouched', async () => {
    const small = await texture(16)
    const large = await toRawImage(sharpFromRaw(small).resize(32, 32))
    expect(await backProject(small, large, 0)).toBe(large)
  })
})
