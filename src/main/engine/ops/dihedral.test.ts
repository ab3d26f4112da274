import { describe, expect, it } from 'vitest'
import type { EnsembleSize } from '../../../shared/domain/tool-defaults'
import type { RawImage } from '../raw-image'
import type { Dihedral } from './dihedral'
import { addInverted, ensembleTransforms, transformImage, transformRect } from './dihedral'

/** A 3×2 one-channel image whose samples are their own positions: 1 2 3 / 4 5 6. */
const small: RawImage = {
  data: new Uint8Array([1, 2, 3, 4, 5, 6]),
  width: 3,
  height: 2,
  channels: 1,
  bitDepth: 8
}

const all = ensembleTransforms(8)
const named = (name: string): Dihedral => {
  const found = all.find((t) => t.name === name)
  if (!found) throw new Error(name)
  return found
}

function textured(width: number, height: number, channels: 1 | 3, bitDepth: 8 | 16): RawImage {
  const n = width * height * channels
  const data = bitDepth === 16 ? new Uint16Array(n) : new Uint8Array(n)
  for (let i = 0; i < n; i++) data[i] = (i * 7919 + (i >> 3)) % (bitDepth === 16 ? 65536 : 256)
  return { data, width, height, channels, bitDepth }
}

function crop(image: RawImage, r: { x: number; y: number; width: number; height: number }) {
  const out: number[] = []
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      for (let c = 0; c < image.channels; c++) {
        out.push(image.data[(y * image.width + x) * image.channels + c] ?? -1)
      }
    }
  }
  return { ...image, width: r.width, height: r.height, data: Uint16Array.from(out) }
}

describe('dihedral transforms', () => {
  it('lists identity first and distinct transforms for 1, 2, 4 and 8', () => {
    for (const size of [1, 2, 4, 8] as EnsembleSize[]) {
      const transforms = ensembleTransforms(size)
      expect(transforms).toHaveLength(size)
      expect(transforms[0]?.name).toBe('identity')
      expect(new Set(transforms.map((t) => t.name)).size).toBe(size)
    }
    expect(ensembleTransforms(2).map((t) => t.name)).toEqual(['identity', 'rotate-180'])
    expect(ensembleTransforms(4).some((t) => t.transpose)).toBe(false)
  })

  it('moves pixels as the named flip or rotation does', () => {
    const pixels = (name: string): RawImage => transformImage(named(name), small)
    expect([...pixels('flip-h').data]).toEqual([3, 2, 1, 6, 5, 4])
    expect([...pixels('flip-v').data]).toEqual([4, 5, 6, 1, 2, 3])
    expect([...pixels('rotate-180').data]).toEqual([6, 5, 4, 3, 2, 1])
    // Transposes swap the sides: 2 wide, 3 high.
    expect(pixels('transpose')).toMatchObject({ width: 2, height: 3 })
    expect([...pixels('transpose').data]).toEqual([1, 4, 2, 5, 3, 6])
    expect([...pixels('rotate-90').data]).toEqual([4, 1, 5, 2, 6, 3])
    expect([...pixels('rotate-270').data]).toEqual([3, 6, 2, 5, 1, 4])
    expect([...pixels('anti-transpose').data]).toEqual([6, 3, 5, 2, 4, 1])
  })

  it.each(all.map((t) => [t.name, t] as const))(
    '%s is undone by addInverted, for RGB at 8 and 16 bits',
    (_name, transform) => {
      for (const bitDepth of [8, 16] as const) {
        const image = textured(7, 4, 3, bitDepth)
        const sums = new Float32Array(image.data.length)
        addInverted(transform, transformImage(transform, image), 7, 4, sums)
        expect(Array.from(sums)).toEqual(Array.from(image.data))
      }
    }
  )

  it.each(all.map((t) => [t.name, t] as const))(
    '%s carries a rectangle to where its pixels go',
    (_name, transform) => {
      const image = textured(9, 5, 1, 8)
      const rect = { x: 2, y: 1, width: 4, height: 3 }
      const moved = transformRect(transform, rect, 9, 5)
      expect(crop(transformImage(transform, image), moved).data).toEqual(
        crop(transformImage(transform, crop(image, rect)), {
          x: 0,
          y: 0,
          width: moved.width,
          height: moved.height
        }).data
      )
    }
  )
})
