import { describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { readTileInput } from './tile-input'

/** A 3×2 RGBA image whose samples say where they are: R = 10·y + x, G = R + 100, B = R + 200. */
const rgba: RawImage = {
  width: 3,
  height: 2,
  channels: 4,
  bitDepth: 8,
  data: Uint8Array.from(
    Array.from({ length: 6 }, (_, p) => {
      const r = 10 * Math.floor(p / 3) + (p % 3)
      return [r, r + 100, r + 200, 7]
    }).flat()
  )
}

/** The R samples of a tile, back in 0..255, row by row. */
function reds(tile: Float32Array, width: number): number[][] {
  const rows: number[][] = []
  for (let o = 0; o < tile.length; o += 3) {
    const i = o / 3
    if (i % width === 0) rows.push([])
    rows.at(-1)!.push(Math.round(tile[o]! * 255))
  }
  return rows
}

describe('readTileInput', () => {
  it('reads the pixels inside the image as RGB in 0..1, dropping alpha', () => {
    const tile = readTileInput(rgba, { start: 1, length: 2 }, { start: 1, length: 1 })
    expect(Array.from(tile, (v) => Math.round(v * 255))).toEqual([11, 111, 211, 12, 112, 212])
  })

  it('reflects past every edge without repeating the edge pixel', () => {
    // Columns −2..4 of a 3-wide image are 2 1 0 1 2 1 0; rows −1..2 of 2 rows are 1 0 1 0.
    const tile = readTileInput(rgba, { start: -2, length: 7 }, { start: -1, length: 4 })
    expect(reds(tile, 7)).toEqual([
      [12, 11, 10, 11, 12, 11, 10],
      [2, 1, 0, 1, 2, 1, 0],
      [12, 11, 10, 11, 12, 11, 10],
      [2, 1, 0, 1, 2, 1, 0]
    ])
  })

  it('fills a tile many times larger than a one-pixel image', () => {
    const dot: RawImage = {
      width: 1,
      height: 1,
      channels: 3,
      bitDepth: 8,
      data: Uint8Array.of(51, 102, 153)
    }
    const tile = readTileInput(dot, { start: 0, length: 5 }, { start: 0, length: 4 })
    expect(tile).toHaveLength(5 * 4 * 3)
    for (let o = 0; o < tile.length; o += 3) {
      expect([tile[o], tile[o + 1], tile[o + 2]]).toEqual([0.2, 0.4, 0.6].map(Math.fround))
    }
  })

  it('repeats a grey image into R, G and B', () => {
    const grey: RawImage = {
      width: 2,
      height: 1,
      channels: 2,
      bitDepth: 8,
      data: Uint8Array.of(0, 9, 255, 9)
    }
    const tile = readTileInput(grey, { start: 0, length: 2 }, { start: 0, length: 1 })
    expect(Array.from(tile)).toEqual([0, 0, 0, 1, 1, 1])
  })

  it('scales 16-bit samples by 65535', () => {
    const deep: RawImage = {
      width: 1,
      height: 1,
      channels: 3,
      bitDepth: 16,
      data: Uint16Array.of(65535, 32768, 0)
    }
    const tile = readTileInput(deep, { start: 0, length: 1 }, { start: 0, length: 1 })
    expect(tile[0]).toBe(1)
    expect(tile[1]).toBeCloseTo(32768 / 65535, 6)
    expect(tile[2]).toBe(0)
  })
})
