import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { iccColourSpace, iccProfileName, srgbProfile } from './icc-profile'

async function builtInProfile(name: 'srgb' | 'p3' | 'cmyk'): Promise<Buffer> {
  const file = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .withIccProfile(name)
    .jpeg()
    .toBuffer()
  return (await sharp(file).metadata()).icc!
}

describe('iccProfileName and iccColourSpace', () => {
  it('read v4 (mluc) and v2 (desc) descriptions and the colour space', async () => {
    const p3 = await builtInProfile('p3')
    const cmyk = await builtInProfile('cmyk')
    expect(p3[8]).toBe(4) // a version 4 profile
    expect(cmyk[8]).toBe(2) // a version 2 profile
    expect(iccProfileName(p3)).toBe('sP3C')
    expect(iccColourSpace(p3)).toBe('RGB')
    expect(iccProfileName(cmyk)).toBe('Chemical proof')
    expect(iccColourSpace(cmyk)).toBe('CMYK')
    expect(iccProfileName(await srgbProfile())).toBe('sRGB')
  })

  it('give undefined, never an exception, for what is not a profile', async () => {
    const p3 = await builtInProfile('p3')
    const cut = p3.subarray(0, 140)
    for (const bytes of [Buffer.from('hello'), Buffer.alloc(200), cut]) {
      expect(iccProfileName(bytes)).toBeUndefined()
    }
    expect(iccColourSpace(Buffer.alloc(200))).toBeUndefined()
  })
})
