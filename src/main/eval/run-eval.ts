import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import sharp from 'sharp'
import type { RestorationOperation } from '../../shared/domain/restoration'
import { executeJob } from '../engine/ops/execute'
import type { RawImage } from '../engine/raw-image'
import { toRawImage } from '../engine/raw-image'
import { silentControl } from '../engine/runtime/model-runner'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { SessionPool } from '../engine/runtime/session-pool'
import type { Baseline } from './baselines'
import { deblurBaselines, denoiseBaselines, lowlightBaselines, upscaleBaselines } from './baselines'
import { addNoise, darken, downscale, motionBlur } from './degradations'
import { psnr, ssim } from './metrics'

/**
 * `npm run eval`: measured quality. Clean real photos (from the model packages' assets) are
 * degraded synthetically, restored by each Lucid operation and by classical baselines (best
 * setting per photo), and scored with PSNR and SSIM against the clean photo. Writes
 * reports/eval.json and prints a Markdown table.
 */
const PHOTOS = [
  'maxim-denoising/assets/result.png',
  'maxim-enhancement/assets/result.png',
  'maxim-deblurring/assets/result.png'
]
const CROP = 256

interface Task {
  readonly name: string
  readonly degradation: string
  readonly degrade: (clean: RawImage) => Promise<RawImage> | RawImage
  readonly operation: RestorationOperation
  readonly baselines: (clean: RawImage) => Baseline[]
}

const tasks: Task[] = [
  {
    name: 'deblur',
    degradation: 'linear motion blur, 9 px',
    degrade: (c) => motionBlur(c),
    operation: { op: 'deblur' },
    baselines: () => deblurBaselines
  },
  {
    name: 'lowlight',
    degradation: 'darkened: 0.35·v^1.8',
    degrade: (c) => darken(c),
    operation: { op: 'lowlight', strength: 1 },
    baselines: () => lowlightBaselines
  },
  {
    name: 'denoise',
    degradation: 'Gaussian noise σ 15',
    degrade: (c) => addNoise(c),
    operation: { op: 'denoise', strength: 1 },
    baselines: () => denoiseBaselines
  },
  {
    name: 'upscale ×4 balanced',
    degradation: 'bicubic ×4 reduction',
    degrade: (c) => downscale(c, 4),
    operation: { op: 'upscale', scale: 4, quality: 'balanced' },
    baselines: (c) => upscaleBaselines(c.width, c.height)
  }
]

interface Score {
  readonly psnr: number
  readonly ssim: number
}

async function loadCrop(path: string): Promise<RawImage> {
  const meta = await sharp(path).metadata()
  const left = Math.floor((meta.width - CROP) / 2)
  const top = Math.floor((meta.height - CROP) / 2)
  return toRawImage(
    sharp(path)
      .removeAlpha()
      .extract({ left, top, width: CROP, height: CROP })
      .toColourspace('srgb')
  )
}

const score = (clean: RawImage, test: RawImage): Score => ({
  psnr: psnr(clean, test),
  ssim: ssim(clean, test)
})

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length

async function main(): Promise<void> {
  const packages = resolve(defaultModelsDir(), '../../node_modules/@upscalerjs')
  const models = new SessionPool({ modelsDir: defaultModelsDir(), device: { kind: 'cpu' } })
  const photos = await Promise.all(PHOTOS.map((p) => loadCrop(join(packages, p))))
  const rows = []
  for (const task of tasks) {
    const ours: Score[] = []
    const degradedScores: Score[] = []
    const best: (Score & { name: string })[] = []
    let seconds = 0
    for (const clean of photos) {
      const degraded = await task.degrade(clean)
      if (degraded.width === clean.width) degradedScores.push(score(clean, degraded))
      const outcome = await executeJob(
        { operation: task.operation, image: degraded },
        models,
        silentControl
      )
      seconds += outcome.seconds
      ours.push(score(clean, outcome.image))
      let top: (Score & { name: string }) | null = null
      for (const baseline of task.baselines(clean)) {
        const s = score(clean, await baseline.run(degraded))
        if (!top || s.psnr > top.psnr) top = { ...s, name: baseline.name }
      }
      if (top) best.push(top)
    }
    const row = {
      operation: task.name,
      degradation: task.degradation,
      degraded: degradedScores.length
        ? {
            psnr: mean(degradedScores.map((s) => s.psnr)),
            ssim: mean(degradedScores.map((s) => s.ssim))
          }
        : null,
      lucid: { psnr: mean(ours.map((s) => s.psnr)), ssim: mean(ours.map((s) => s.ssim)) },
      baseline: {
        names: [...new Set(best.map((b) => b.name))],
        psnr: mean(best.map((s) => s.psnr)),
        ssim: mean(best.map((s) => s.ssim))
      },
      secondsPerPhoto: seconds / photos.length
    }
    rows.push(row)
    console.error(`${task.name}: done`)
  }
  await models.release()
  const out = resolve('reports/eval.json')
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify({ photos: PHOTOS, crop: CROP, rows }, null, 2)}\n`)
  const f = (s: Score | null): string => (s ? `${s.psnr.toFixed(2)} / ${s.ssim.toFixed(4)}` : '—')
  console.log(
    `| operation | degradation | degraded PSNR / SSIM | Lucid | best classical baseline | beats it |`
  )
  console.log('|---|---|---|---|---|---|')
  for (const r of rows) {
    const beats = r.lucid.psnr > r.baseline.psnr && r.lucid.ssim > r.baseline.ssim
    console.log(
      `| ${r.operation} | ${r.degradation} | ${f(r.degraded)} | ${f(r.lucid)} (${r.secondsPerPhoto.toFixed(1)} s) | ${f(r.baseline)} (${r.baseline.names.join(', ')}) | ${beats ? 'yes' : 'no'} |`
    )
  }
  if (rows.some((r) => !(r.lucid.psnr > r.baseline.psnr && r.lucid.ssim > r.baseline.ssim))) {
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
