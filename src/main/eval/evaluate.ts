import { executeJob } from '../engine/ops/execute'
import type { RawImage } from '../engine/raw-image'
import { sharpFromRaw, toRawImage } from '../engine/raw-image'
import type { ModelSource } from '../engine/runtime/model-runner'
import { silentControl } from '../engine/runtime/model-runner'
import { degrade } from './degrade/draw'
import type { Degraded } from './degrade/draw'
import { makeRng } from './degrade/rng'
import { psnr, ssim } from './metrics'
import type { EvalTask } from './tasks'

/** One photo crop of the eval set, clean (see dataset/photo-set.ts). */
export interface EvalCrop {
  readonly id: string
  readonly split: 'dev' | 'test'
  readonly seed: number
  readonly image: RawImage
}

export interface Score {
  readonly psnr: number
  readonly ssim: number
}

export interface CropResult {
  readonly crop: string
  readonly degradation: string
  readonly degraded: Score | null
  readonly oracle: Score & { readonly name: string }
  readonly lanczos: Score | null
  readonly auto: Score | null
  readonly raw: Score
  readonly lucid: Score
  readonly variants: Readonly<Record<string, Score>>
  readonly seconds: { readonly raw: number; readonly lucid: number }
}

/** What a well-exposed, sharp, clean photo loses through the tool (see cleanCheck). */
export interface CleanResult {
  readonly crop: string
  readonly input: Score
  readonly lucid: Score
}

/** The pictures of one crop for the contact sheet: input, baseline, raw model, Lucid, clean. */
export interface SheetRow {
  readonly crop: string
  readonly cells: readonly RawImage[]
}

const score = (clean: RawImage, test: RawImage): Score => ({
  psnr: psnr(clean, test),
  ssim: ssim(clean, test)
})

/**
 * Degrades each crop for `task`, restores it with the tool, the bare network and the baselines,
 * and scores each against the clean crop. `sheet` receives the pictures of each crop.
 */
export async function evaluateTask(
  task: EvalTask,
  crops: readonly EvalCrop[],
  models: ModelSource,
  sheet?: (row: SheetRow) => Promise<void>,
  log: (line: string) => void = () => {}
): Promise<CropResult[]> {
  const results: CropResult[] = []
  for (const crop of crops) {
    const scale = task.scale?.(crop.seed)
    const d = await degrade(task.degradation, crop.image, crop.seed, scale ? { scale } : {})
    const started = performance.now()
    const raw = await task.raw(models, d, silentControl)
    const rawSeconds = (performance.now() - started) / 1000
    const outcome = await executeJob(
      { operation: task.operation(d), image: d.image },
      models,
      silentControl
    )
    const variants: Record<string, Score> = {}
    for (const variant of task.variants ?? []) {
      const other = await executeJob(
        { operation: variant.operation(d), image: d.image },
        models,
        silentControl
      )
      variants[variant.name] = score(d.clean, other.image)
    }
    let best: { image: RawImage; score: Score; name: string } | null = null
    let lanczos: Score | null = null
    for (const baseline of task.oracle(d)) {
      const image = await baseline.run(d.image)
      const s = score(d.clean, image)
      if (baseline.name === 'Lanczos') lanczos = s
      if (!best || s.psnr > best.score.psnr) best = { image, score: s, name: baseline.name }
    }
    if (!best) throw new Error(`${task.id} has no baseline`)
    const auto = task.auto ? score(d.clean, await task.auto.run(d.image)) : null
    const result: CropResult = {
      crop: crop.id,
      degradation: d.label,
      degraded: d.image.width === d.clean.width ? score(d.clean, d.image) : null,
      oracle: { ...best.score, name: best.name },
      lanczos,
      auto,
      raw: score(d.clean, raw),
      lucid: score(d.clean, outcome.image),
      variants,
      seconds: { raw: rawSeconds, lucid: outcome.seconds }
    }
    results.push(result)
    log(
      `${task.id} ${crop.id} (${d.label}): lucid ${result.lucid.psnr.toFixed(2)} raw ${result.raw.psnr.toFixed(2)} ${best.name} ${best.score.psnr.toFixed(2)}${Object.entries(
        variants
      )
        .map(([n, s]) => ` ${n} ${s.psnr.toFixed(2)}`)
        .join('')} (${outcome.seconds.toFixed(1)} s)`
    )
    if (sheet) {
      const input = d.scale ? await enlargeNearest(d.image, d.clean) : d.image
      await sheet({ crop: crop.id, cells: [input, best.image, raw, outcome.image, d.clean] })
    }
  }
  return results
}

/** Sensor noise of a good camera at base ISO: what a "clean" photo still carries. */
const CLEAN_FLOOR_SIGMA = 1.5

/**
 * A tool must not damage a photo that needs no fixing. The clean crop with a base-ISO noise
 * floor (σ 1.5 levels, so "loss" has a finite reference) goes through the tool at its defaults;
 * the loss is the input's PSNR against the clean crop minus the output's. For super-resolution,
 * which has no unchanged output, the clean crop is enlarged and reduced back (area average),
 * and compared with the same round trip through Lanczos.
 */
export async function cleanCheck(
  task: EvalTask,
  crops: readonly EvalCrop[],
  models: ModelSource
): Promise<CleanResult[]> {
  const results: CleanResult[] = []
  for (const crop of crops) {
    if (task.degradation === 'upscale') {
      const scale = task.scale?.(crop.seed) ?? 4
      const d: Degraded = {
        image: crop.image,
        clean: crop.image,
        scale,
        label: 'clean',
        params: {}
      }
      const outcome = await executeJob(
        { operation: task.operation(d), image: crop.image },
        models,
        silentControl
      )
      const lanczos = await toRawImage(
        sharpFromRaw(crop.image).resize(crop.image.width * scale, crop.image.height * scale, {
          kernel: 'lanczos3'
        })
      )
      const back = (image: RawImage): Promise<RawImage> =>
        toRawImage(
          sharpFromRaw(image).resize(crop.image.width, crop.image.height, { kernel: 'mitchell' })
        )
      results.push({
        crop: crop.id,
        input: score(crop.image, await back(lanczos)),
        lucid: score(crop.image, await back(outcome.image))
      })
      continue
    }
    const rng = makeRng(crop.seed ^ 0x5bd1e995)
    const data = new Uint8Array(crop.image.data.length)
    for (let i = 0; i < data.length; i++) {
      data[i] = Math.max(
        0,
        Math.min(255, Math.round((crop.image.data[i] ?? 0) + CLEAN_FLOOR_SIGMA * rng.normal()))
      )
    }
    const input: RawImage = { ...crop.image, data }
    const d: Degraded = { image: input, clean: crop.image, label: 'clean', params: {} }
    const outcome = await executeJob(
      { operation: task.operation(d), image: input },
      models,
      silentControl
    )
    results.push({
      crop: crop.id,
      input: score(crop.image, input),
      lucid: score(crop.image, outcome.image)
    })
  }
  return results
}

function enlargeNearest(small: RawImage, like: RawImage): Promise<RawImage> {
  return toRawImage(
    sharpFromRaw(small).resize(like.width, like.height, { kernel: 'nearest', fit: 'fill' })
  )
}
