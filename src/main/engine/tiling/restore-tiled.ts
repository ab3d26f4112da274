import { LucidError } from '../../../shared/ipc/errors'
import type { RawImage } from '../raw-image'
import { maxSample } from '../raw-image'
import type { JobControl } from '../runtime/model-runner'
import { silentControl } from '../runtime/model-runner'
import { AccumulatorBand } from './accumulator-band'
import type { AxisSpan } from './axis-plan'
import { axisWeights } from './blend-window'
import type { Region, TilingGeometry } from './tile-plan'
import { planTiles } from './tile-plan'
import { readTileInput } from './tile-input'
import { expectPositiveInteger } from './tiling-arguments'

/** Runs one NHWC float32 RGB tile through a model (`ModelRunner.run` fits). */
export type TileInfer = (tile: Float32Array, height: number, width: number) => Promise<Float32Array>

export interface TiledRestoreOptions extends TilingGeometry {
  readonly infer: TileInfer
  /** Output pixels per input pixel along each side (the model's `scale`). */
  readonly scale: number
  /** The source pixels to produce; the whole image by default. */
  readonly region?: Region
  readonly control?: JobControl
  /** The stage name progress reports carry. */
  readonly stage?: string
}

/**
 * Runs a model over an image of any size, tile by tile, and blends the overlapping tile outputs
 * with raised-cosine weights so no seam shows. Memory stays bounded: each tile is converted to
 * float on its own, and the only float copy of the output is a band one tile row tall.
 *
 * @returns RGB (3 channels) at the source's bit depth, the region's size × `scale`; only the
 *   source's first three channels are read (a grey source is repeated into R, G and B)
 * @throws LucidError INVALID_ARGUMENT for a bad scale, geometry or region; CANCELLED from
 *   `control` (checked before every tile); INFERENCE_FAILED when a tile's output has the wrong
 *   size; whatever `infer` throws (e.g. OUT_OF_MEMORY)
 */
export async function restoreTiled(
  source: RawImage,
  options: TiledRestoreOptions
): Promise<RawImage> {
  const { scale, infer } = options
  expectPositiveInteger(scale, 'scale')
  const control = options.control ?? silentControl
  const stage = options.stage ?? 'Restoring'
  const plan = planTiles(source.width, source.height, options, options.region)
  const { region } = plan
  const width = region.width * scale
  const height = region.height * scale
  const pixels = width * height * 3
  const data = source.bitDepth === 16 ? new Uint16Array(pixels) : new Uint8Array(pixels)
  const tileHeight = plan.rows[0]?.length ?? 0
  const band = new AccumulatorBand(
    data,
    width,
    maxSample(source),
    Math.min(tileHeight, region.height) * scale
  )
  const columns = plan.columns.map((span) => ({
    span,
    weights: axisWeights(span, scale),
    ...outputRun(span, region.x, region.width, scale)
  }))
  const tilesTotal = plan.tiles.length
  let tilesDone = 0
  for (const row of plan.rows) {
    const rowWeights = axisWeights(row, scale)
    const rowRun = outputRun(row, region.y, region.height, scale)
    for (const column of columns) {
      control.throwIfCancelled()
      const input = readTileInput(source, column.span, row)
      const output = await infer(input, row.length, column.span.length)
      const expected = row.length * scale * column.span.length * scale * 3
      if (output.length !== expected) {
        throw new LucidError(
          'INFERENCE_FAILED',
          `The model returned ${output.length} values for a tile that needs ${expected}`
        )
      }
      band.add(output, {
        left: column.origin,
        top: rowRun.origin,
        width: column.span.length * scale,
        x0: column.first,
        x1: column.end,
        y0: rowRun.first,
        y1: rowRun.end,
        columnWeights: column.weights,
        rowWeights
      })
      tilesDone += 1
      control.progress({ tilesDone, tilesTotal, stage })
    }
    // Rows above this tile row's fade-out receive nothing from the rows below it.
    band.flushUntil(row === plan.rows.at(-1) ? height : finishedBefore(row, region.y, scale))
  }
  return { data, width, height, channels: 3, bitDepth: source.bitDepth }
}

/**
 * A tile's extent along one axis in output pixels relative to the region: where its first
 * output pixel lands (`origin`) and the run [first, end) it contributes to.
 */
function outputRun(
  span: AxisSpan,
  regionStart: number,
  regionLength: number,
  scale: number
): { origin: number; first: number; end: number } {
  const origin = (span.start - regionStart) * scale
  const first = Math.max(span.fadeIn.start - regionStart, 0) * scale
  const end = Math.min(span.fadeOut.end - regionStart, regionLength) * scale
  return { origin, first, end }
}

function finishedBefore(row: AxisSpan, regionStart: number, scale: number): number {
  return (row.fadeOut.start - regionStart) * scale
}
