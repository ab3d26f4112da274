import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'
import { reflectIndex } from './reflect'

/** Where a tile reads along one axis: [start, start + length), reflected past the image. */
export interface ReadSpan {
  readonly start: number
  readonly length: number
}

/**
 * One model input tile: NHWC float32 RGB in 0..1, `y.length` × `x.length`, read from an integer
 * image with reflect padding wherever the tile reaches past the image. Takes the first three
 * channels (alpha is the caller's business); a grey image (1 or 2 channels) is repeated into
 * R, G and B.
 */
export function readTileInput(source: RawImage, x: ReadSpan, y: ReadSpan): Float32Array {
  const { data, width, height, channels } = source
  const rowFloats = x.length * 3
  const tile = new Float32Array(rowFloats * y.length)
  const toUnit = 1 / maxSample(source)
  const [red, green, blue] = channels >= 3 ? [0, 1, 2] : [0, 0, 0]
  // Sample offsets of each tile column within a source row, reflection included.
  const columns = new Int32Array(x.length)
  for (let i = 0; i < x.length; i += 1) columns[i] = reflectIndex(x.start + i, width) * channels
  // Tile row that already holds a source row: reflected rows repeat, and are copied in bulk.
  const converted = new Map<number, number>()
  for (let row = 0; row < y.length; row += 1) {
    const sourceRow = reflectIndex(y.start + row, height)
    const target = row * rowFloats
    const done = converted.get(sourceRow)
    if (done !== undefined) {
      tile.copyWithin(target, done * rowFloats, (done + 1) * rowFloats)
      continue
    }
    converted.set(sourceRow, row)
    const rowOffset = sourceRow * width * channels
    for (let i = 0, o = target; i < x.length; i += 1, o += 3) {
      const at = rowOffset + (columns[i] ?? 0)
      tile[o] = (data[at + red] ?? 0) * toUnit
      tile[o + 1] = (data[at + green] ?? 0) * toUnit
      tile[o + 2] = (data[at + blue] ?? 0) * toUnit
    }
  }
  return tile
}
