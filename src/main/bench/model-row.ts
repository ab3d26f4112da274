import type { ModelEntry } from '../../shared/domain/model-manifest'
import { ensembleSizeFor } from '../engine/ops/model-choice'
import { planTiles } from '../engine/tiling/tile-plan'
import { operationFor } from './bench-plan'
import type { ModelRow, SessionTimes } from './bench-report'
import type { ModelMeasurement } from './child-task'
import { bestAndMedian } from './run-stats'

/**
 * Pixels the model is actually fed for a whole `width`×`height` image: the sum of its tiles'
 * areas, overlap and edge padding included, planned exactly as runModelTiled plans them (the
 * manifest's tile, overlap capped at a quarter tile). This, not the photo's area, is what the
 * flops are spent on.
 */
export function pixelsFed(entry: ModelEntry, width: number, height: number): number {
  const tileSize = entry.tile.size
  const plan = planTiles(width, height, {
    tileSize,
    overlap: Math.min(entry.tile.overlap, Math.floor(tileSize / 4)),
    divisibility: entry.sizeDivisibility,
    fixedInput: entry.inputShape[1] !== null
  })
  return plan.tiles.reduce((sum, tile) => sum + tile.x.length * tile.y.length, 0)
}

/**
 * Full passes of the model the bench's operation for it runs: a quality level with a
 * self-ensemble (tool-defaults.ts) feeds the whole photo once per transform.
 */
export function benchPasses(entry: ModelEntry): number {
  const operation = operationFor(entry)
  return operation ? ensembleSizeFor(operation) : 1
}

/**
 * A model's report row from its measurement: MP/s from the photo's own pixels (the operation's
 * speed, every pass included), GFLOP/s from the pixels fed (see pixelsFed) in every pass times
 * the manifest's flops per input pixel (the model's speed), both over the best run.
 */
export function modelRow(
  entry: ModelEntry,
  inputPath: string,
  measured: ModelMeasurement,
  extras: {
    readonly peakFlops: number
    readonly peakRssMiB: number
    readonly session: SessionTimes | null
    readonly sessionError?: string
  }
): ModelRow {
  const { best, median } = bestAndMedian(measured.seconds)
  const fed = pixelsFed(entry, measured.width, measured.height) * benchPasses(entry)
  const flopsPerSecond = (entry.flopsPerInputPixel * fed) / best
  return {
    modelId: entry.id,
    task: entry.task,
    ...(entry.quality === undefined ? {} : { preset: entry.quality }),
    scale: entry.scale,
    input: { path: inputPath, width: measured.width, height: measured.height },
    seconds: measured.seconds,
    bestSeconds: best,
    medianSeconds: median,
    tiles: measured.tiles,
    pixelsFed: fed,
    megapixelsPerSecond: (measured.width * measured.height) / 1e6 / best,
    gflopsPerSecond: flopsPerSecond / 1e9,
    fractionOfPeak: flopsPerSecond / extras.peakFlops,
    provider: measured.provider,
    session: extras.session,
    ...(extras.sessionError === undefined ? {} : { sessionError: extras.sessionError }),
    peakRssMiB: extras.peakRssMiB,
    eventLoopLag: measured.eventLoopLag
  }
}
