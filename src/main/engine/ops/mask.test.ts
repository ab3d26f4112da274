import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { expandRect, featherInward, maskBounds } from './mask'
import { blendThroughMask, mixByStrength } from './mix'

function maskWith(
  width: number,
  height: number,
  paint: (x: number, y: number) => number
): RawImage {
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = paint(x, y)
  return { data, width, height, channels: 1, bitDepth: 8 }
}

describe('masks', () => {
  it('bounds the painted pixels, or null when nothing is painted', () => {
    const mask = maskWith(50, 40, (x, y) => (x >= 10 && x < 20 && y >= 5 && y < 8 ? 200 : 0))
    expect(maskBounds(mask)).toEqual({ x: 10, y: 5, width: 10, height: 3 })
    expect(maskBounds(maskWith(5, 5, () => 0))).toBeNull()
  })

  it('grows a rectangle within the image', () => {
    expect(expandRect({ x: 2, y: 30, width: 10, height: 5 }, 8, 50, 40)).toEqual({
      x: 0,
      y: 22,
      width: 20,
      height: 18
    })
  })

  it('feathers inward only: unpainted pixels stay 0, the edge softens, the middle stays', async () => {
    const mask = maskWith(40, 40, (x, y) => (x >= 10 && x < 30 && y >= 10 && y < 30 ? 255 : 0))
    const soft = await featherInward(mask, 2)
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] === 0) expect(soft.data[i]).toBe(0)
    }
    expect(soft.data[10 * 40 + 10]).toBeLessThan(255)
    expect(soft.data[20 * 40 + 20]).toBe(255)
  })
})

describe('mixing', () => {
  const original: RawImage = {
    data: new Uint8Array([10, 20, 30, 255, 100, 100, 100, 128]),
    width: 2,
    height: 1,
    channels: 4,
    bitDepth: 8
  }

  it('blends through the mask, leaving unmasked pixels and alpha bit-exact', () => {
    const restored: RawImage = {
      data: new Uint8Array([0, 0, 0, 200, 200, 200]),
      width: 2,
      height: 1,
      channels: 3,
      bitDepth: 8
    }
    const mask = maskWith(2, 1, (x) => (x === 0 ? 0 : 128))
    const out = blendThroughMask(original, restored, { x: 0, y: 0, width: 2, height: 1 }, mask)
    expect([...out.data]).toEqual([10, 20, 30, 255, 150, 150, 150, 128])
    expect([...original.data]).toEqual([10, 20, 30, 255, 100, 100, 100, 128])
  })

  it('scales the mask blend by a strength', () => {
    const restored: RawImage = {
      data: new Uint8Array([0, 0, 0, 200, 200, 200]),
      width: 2,
      height: 1,
      channels: 3,
      bitDepth: 8
    }
    const mask = maskWith(2, 1, (x) => (x === 0 ? 0 : 255))
    const region = { x: 0, y: 0, width: 2, height: 1 }
    const half = blendThroughMask(original, restored, region, mask, 0.5)
    expect([...half.data]).toEqual([10, 20, 30, 255, 150, 150, 150, 128])
    expect([...blendThroughMask(original, restored, region, mask, 0).data]).toEqual([
      ...original.data
    ])
  })

  it('mixes by strength', () => {
    const a: RawImage = {
      data: new Uint16Array([0, 1000]),
      width: 1,
      height: 1,
      channels: 2,
      bitDepth: 16
    }
    const b: RawImage = { ...a, data: new Uint16Array([1000, 0]) }
    expect([...mixByStrength(a, b, 0.25).data]).toEqual([250, 750])
    expect(mixByStrength(a, b, 1)).toBe(b)
  })
})
