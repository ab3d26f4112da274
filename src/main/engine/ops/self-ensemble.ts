import type { ModelEntry } from '../../../shared/domain/model-manifest'
import type { EnsembleSize } from '../../../shared/domain/tool-defaults'
import type { RawImage } from '../raw-image'
import type { JobControl, ModelSource } from '../runtime/model-runner'
import { planTiles } from '../tiling/tile-plan'
import type { Dihedral } from './dihedral'
import {
  addInverted,
  ensembleTransforms,
  transformImage,
  transformRect,
  transformedSize
} from './dihedral'
import type { Rect } from './mask'
import type { ModelRun, ModelRunOptions } from './run-model'
import { runModelTiled, tilingFor } from './run-model'

export interface EnsembleOptions extends Omit<ModelRunOptions, 'runner'> {
  /** How many flips and rotations of the input to run and average (see dihedral.ts). */
  readonly transforms: EnsembleSize
}

/**
 * Self-ensemble: runs a model on `transforms` flips and rotations of the input, turns each
 * output back and averages them. A model that is not exactly equivariant (none of ours is)
 * makes slightly different errors in each orientation, and the average cancels part of them,
 * at the cost of one full inference per transform.
 *
 * Each pass is a runModelTiled of the transformed image (and of the transformed `region`), so
 * any model works: scaled (ESRGAN), fixed-input (MAXIM), over a region, with transposes that
 * swap width and height. Passes after the first start on the runner and tile side the previous
 * one finished with, so an out-of-memory fallback is paid once. The outputs are summed into one
 * float array and rounded once, at the end; progress counts tiles over all passes, never going
 * back, and `control` is checked before every pass and every tile.
 *
 * @param options.transforms 1 is exactly runModelTiled (the same call, bit for bit)
 * @returns the run, with `tilesInferred` summed over the passes and the last pass's runner
 * @throws as runModelTiled
 */
export async function runModelEnsemble(
  models: ModelSource,
  modelId: string,
  rgb: RawImage,
  control: JobControl,
  options: EnsembleOptions
): Promise<ModelRun> {
  const { transforms: size, ...single } = options
  if (size === 1) return runModelTiled(models, modelId, rgb, control, single)
  const transforms = ensembleTransforms(size)
  const region = options.region ?? { x: 0, y: 0, width: rgb.width, height: rgb.height }
  let runner = await models.runner(modelId)
  const { scale } = runner.entry
  const width = region.width * scale
  const height = region.height * scale
  const sums = new Float32Array(width * height * 3)
  const progress = new EnsembleProgress(control, options.stage, (from, tileSize) =>
    plannedTiles(runner.entry, transforms.slice(from), rgb, region, tileSize)
  )
  let tileSize = options.tileSize
  let tilesInferred = 0
  let fallbackReason: string | undefined
  for (const [pass, transform] of transforms.entries()) {
    control.throwIfCancelled()
    progress.startPass(pass, tileSize)
    const run = await runModelTiled(models, modelId, transformImage(transform, rgb), progress, {
      region: transformRect(transform, region, rgb.width, rgb.height),
      tileSize,
      stage: options.stage,
      runner
    })
    addInverted(transform, run.image, width, height, sums)
    runner = run.runner
    tileSize = run.tileSize
    tilesInferred += run.tilesInferred
    fallbackReason ??= run.fallbackReason
  }
  return {
    image: average(sums, transforms.length, { width, height, bitDepth: rgb.bitDepth }),
    runner,
    ...(fallbackReason === undefined ? {} : { fallbackReason }),
    tilesInferred,
    tileSize: tileSize ?? tilingFor(runner.entry).tileSize
  }
}

/** Tiles each of `transforms` will infer, planned exactly as runModelTiled plans them. */
function plannedTiles(
  entry: ModelEntry,
  transforms: readonly Dihedral[],
  rgb: RawImage,
  region: Rect,
  tileSize: number | undefined
): number[] {
  const geometry = tilingFor(entry, tileSize)
  return transforms.map((transform) => {
    const size = transformedSize(transform, rgb.width, rgb.height)
    const rect = transformRect(transform, region, rgb.width, rgb.height)
    return planTiles(size.width, size.height, geometry, rect).tiles.length
  })
}

/**
 * The JobControl each pass reports to: its tiles are added to those of the passes before it,
 * and the total is those plus this pass's plus the passes still to come, re-planned at each
 * pass's start (an out-of-memory retry changes the tile side). A retry restarts a pass's count
 * at 0; the reported count then holds still until it catches up, so it never goes back.
 */
class EnsembleProgress implements JobControl {
  private doneBefore = 0
  private passDone = 0
  private later = 0
  private reported = 0

  constructor(
    private readonly control: JobControl,
    private readonly stage: string,
    private readonly plan: (fromPass: number, tileSize: number | undefined) => number[]
  ) {}

  /** Reports as the pass starts, so the whole ensemble's total is known before its first tile. */
  startPass(pass: number, tileSize: number | undefined): void {
    this.doneBefore += this.passDone
    this.passDone = 0
    const [current = 0, ...rest] = this.plan(pass, tileSize)
    this.later = rest.reduce((sum, tiles) => sum + tiles, 0)
    this.report(0, current)
  }

  throwIfCancelled(): void {
    this.control.throwIfCancelled()
  }

  progress(update: { readonly tilesDone: number; readonly tilesTotal: number }): void {
    this.passDone = update.tilesDone
    this.report(update.tilesDone, update.tilesTotal)
  }

  private report(done: number, total: number): void {
    this.reported = Math.max(this.reported, this.doneBefore + done)
    const tilesTotal = Math.max(this.reported, this.doneBefore + total + this.later)
    this.control.progress({ tilesDone: this.reported, tilesTotal, stage: this.stage })
  }
}

/** sums ÷ count, rounded once, at the source's depth. */
function average(
  sums: Float32Array,
  count: number,
  size: { width: number; height: number; bitDepth: 8 | 16 }
): RawImage {
  const data = size.bitDepth === 16 ? new Uint16Array(sums.length) : new Uint8Array(sums.length)
  for (let i = 0; i < sums.length; i++) data[i] = Math.round((sums[i] ?? 0) / count)
  return { ...size, channels: 3, data }
}
