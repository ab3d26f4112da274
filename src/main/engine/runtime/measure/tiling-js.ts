import type { RawImage } from '../../raw-image'
import { AccumulatorBand } from '../../tiling/accumulator-band'
import { axisWeights } from '../../tiling/blend-window'
import { restoreTiled } from '../../tiling/restore-tiled'
import { planTiles } from '../../tiling/tile-plan'
import { readTileInput } from '../../tiling/tile-input'

/**
 * The JavaScript of a tiled ×2 run with inference replaced by a ready output: what tile
 * reading, blending and output conversion cost on their own for a 2-MP photo (1632×1224,
 * slim's 256-px tiles), and each part's time.
 *
 * node <bundle> [rounds]
 */
const scale = 2

/** CPU time of this process (user + system): on a loaded machine wall time mostly measures the others. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const geometry = { tileSize: 256, overlap: 16, divisibility: 1, fixedInput: false }

function photo(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3)
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24
  return { data, width, height, channels: 3, bitDepth: 8 }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5)
  const source = photo(1632, 1224)
  const plan = planTiles(source.width, source.height, geometry)
  const tileLength = (plan.rows[0]?.length ?? 0) * (plan.columns[0]?.length ?? 0)
  const output = new Float32Array(tileLength * scale * scale * 3).map((_, i) => (i % 255) / 255)
  const whole: number[] = []
  const read: number[] = []
  const add: number[] = []
  for (let round = 0; round < rounds; round++) {
    let started = cpuMs()
    await restoreTiled(source, { ...geometry, scale, infer: () => Promise.resolve(output) })
    whole.push(cpuMs() - started)
    started = cpuMs()
    for (const tile of plan.tiles) readTileInput(source, tile.x, tile.y)
    read.push(cpuMs() - started)
    const width = source.width * scale
    const band = new AccumulatorBand(new Uint8Array(width * 600 * 3), width, 255, 600)
    const weights = axisWeights(
      plan.columns[0] ?? {
        start: 0,
        length: 256,
        fadeIn: { start: 0, end: 0 },
        fadeOut: { start: 256, end: 256 }
      },
      scale
    )
    const tw = (plan.columns[0]?.length ?? 0) * scale
    const th = (plan.rows[0]?.length ?? 0) * scale
    started = cpuMs()
    for (let k = 0; k < plan.tiles.length; k++) {
      band.add(output, {
        left: 0,
        top: 0,
        width: tw,
        x0: 0,
        x1: tw,
        y0: 0,
        y1: th,
        columnWeights: weights,
        rowWeights: weights
      })
    }
    add.push(cpuMs() - started)
  }
  const median = (xs: number[]): string =>
    ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN).toFixed(0)
  console.log(
    `${plan.tiles.length} tiles: whole JS (CPU time) ${median(whole)} ms, readTileInput ${median(read)} ms, band.add ${median(add)} ms (medians of ${rounds}); flush ≈ whole − read − add`
  )
}

void main()
