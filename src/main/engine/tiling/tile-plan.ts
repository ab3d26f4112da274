import type { AxisSpan } from './axis-plan'
import { planAxis } from './axis-plan'
import { expectNonNegativeInteger, expectPositiveInteger, invalid } from './tiling-arguments'

/** A rectangle of source pixels. */
export interface Region {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** How a model wants its input cut (from the manifest's `tile`, `sizeDivisibility`, `inputShape`). */
export interface TilingGeometry {
  /** Input tile side in source pixels; the exact side when `fixedInput`, the largest otherwise. */
  readonly tileSize: number
  /** Pixels neighbouring tiles share; the seam fades across them. Less than `tileSize`. */
  readonly overlap: number
  /** Tile sides must be multiples of this (`tileSize` included). */
  readonly divisibility: number
  /** The model's input height and width are fixed (MAXIM) rather than dynamic (ESRGAN). */
  readonly fixedInput: boolean
}

/** One input tile: its extent and blend weights across (x) and down (y). */
export interface PlannedTile {
  readonly x: AxisSpan
  readonly y: AxisSpan
}

export interface TilePlan {
  /** The pixels the tiles produce (the whole image when no region was asked for). */
  readonly region: Region
  /** The y span of each tile row, top to bottom. */
  readonly rows: readonly AxisSpan[]
  /** The x span of each tile column, left to right. */
  readonly columns: readonly AxisSpan[]
  /** Every tile, row by row: rows.length × columns.length of them. */
  readonly tiles: readonly PlannedTile[]
}

/**
 * Plans the overlapping tiles that produce `region` of a `width` × `height` image: only the
 * tiles the region needs, each reading up to `overlap` pixels of context around it. Tiles may
 * reach past the image edge (images smaller than a tile, sides not a multiple of
 * `divisibility`); those samples are reflected when the tile is read.
 *
 * @param region defaults to the whole image
 * @throws LucidError INVALID_ARGUMENT for non-integer or out-of-range sizes, an overlap not
 *   below the tile size, a tile size not a multiple of the divisibility, or a region that is
 *   empty or not inside the image
 */
export function planTiles(
  width: number,
  height: number,
  geometry: TilingGeometry,
  region: Region = { x: 0, y: 0, width, height }
): TilePlan {
  checkGeometry(width, height, geometry)
  checkRegion(width, height, region)
  const rows = planAxis({
    ...geometry,
    imageLength: height,
    region: { start: region.y, end: region.y + region.height }
  })
  const columns = planAxis({
    ...geometry,
    imageLength: width,
    region: { start: region.x, end: region.x + region.width }
  })
  const tiles = rows.flatMap((y) => columns.map((x) => ({ x, y })))
  return { region, rows, columns, tiles }
}

function checkGeometry(width: number, height: number, geometry: TilingGeometry): void {
  const { tileSize, overlap, divisibility } = geometry
  expectPositiveInteger(width, 'image width')
  expectPositiveInteger(height, 'image height')
  expectPositiveInteger(tileSize, 'tileSize')
  expectNonNegativeInteger(overlap, 'overlap')
  expectPositiveInteger(divisibility, 'divisibility')
  if (overlap >= tileSize) {
    throw invalid(`Expected overlap below tileSize ${tileSize} but received ${overlap}`)
  }
  if (tileSize % divisibility !== 0) {
    throw invalid(
      `Expected tileSize to be a multiple of divisibility ${divisibility} but received ${tileSize}`
    )
  }
}

function checkRegion(width: number, height: number, region: Region): void {
  expectNonNegativeInteger(region.x, 'region x')
  expectNonNegativeInteger(region.y, 'region y')
  expectPositiveInteger(region.width, 'region width')
  expectPositiveInteger(region.height, 'region height')
  if (region.x + region.width > width || region.y + region.height > height) {
    const { x, y } = region
    throw invalid(
      `Expected a region inside the ${width}×${height} image but received ` +
        `${region.width}×${region.height} at (${x}, ${y})`
    )
  }
}
