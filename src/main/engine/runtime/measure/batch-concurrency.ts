import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { BatchOutputSettingsSchema } from '../../../../shared/domain/batch'
import { parseRecipe } from '../../../../shared/domain/recipe'
import { startRecipeBatch } from '../../../batch/recipe-batch'
import type { JobOutcome, RestorationJob } from '../../ops/job'
import { RestorationEngine } from '../../worker/engine-client'

/**
 * Photos per minute of a recipe batch at several concurrencies, interleaved (1, 2, 3, 1, 2, 3 …)
 * on one warm inference worker, so the comparison shows whether decode and encode of one photo
 * overlap the inference of another.
 *
 * node build.mjs src/main/engine/worker/inference-worker.ts, then
 * node <bundle> --photos 8 --size 480x360 --recipe upscale:2:fast --concurrency 1,2,3 --rounds 3
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      photos: { type: 'string', default: '8' },
      size: { type: 'string', default: '480x360' },
      recipe: { type: 'string', default: 'upscale:2:fast' },
      concurrency: { type: 'string', default: '1,2,3' },
      rounds: { type: 'string', default: '3' }
    }
  })
  const root = resolve('node_modules/.cache/lucid-measure/batch')
  await rm(root, { recursive: true, force: true })
  await mkdir(join(root, 'in'), { recursive: true })
  const [width, height] = values.size.split('x').map(Number) as [number, number]
  const inputs: string[] = []
  for (let i = 0; i < Number(values.photos); i++) {
    const path = join(root, 'in', `photo-${i}.jpg`)
    await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 40 }
      }
    })
      .blur(1.5)
      .jpeg({ quality: 90 })
      .toFile(path)
    inputs.push(path)
  }
  const parsed = parseRecipe(values.recipe)
  if (!parsed.ok) throw new Error(`bad recipe ${values.recipe}`)
  // Built beside this bundle by build.mjs (see the usage line).
  const workerPath = join(__dirname, 'inference-worker.cjs')
  const engine = new RestorationEngine<RestorationJob, JobOutcome>({
    workerPath,
    modelsDir: resolve('resources/models'),
    device: { kind: 'cpu' }
  })
  const runOnce = async (concurrency: number, tag: string): Promise<number> => {
    const folder = join(root, `out-${tag}`)
    const started = performance.now()
    const run = await startRecipeBatch({
      runner: engine,
      inputs,
      recipe: parsed.recipe,
      output: BatchOutputSettingsSchema.parse({ folder, format: 'jpeg', onExist: 'overwrite' }),
      concurrency
    })
    const summary = await run.result
    const seconds = (performance.now() - started) / 1000
    if (summary.failed.length > 0) throw new Error(summary.failed[0]?.message ?? 'failed')
    return (inputs.length / seconds) * 60
  }
  await runOnce(1, 'warm') // loads the model
  const levels = values.concurrency.split(',').map(Number)
  const rates = levels.map(() => [] as number[])
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [i, level] of levels.entries())
      rates[i]?.push(await runOnce(level, `${level}-${round}`))
  }
  for (const [i, level] of levels.entries()) {
    const sorted = [...(rates[i] ?? [])].sort((a, b) => a - b)
    console.log(
      `concurrency ${level}: median ${(sorted[sorted.length >> 1] ?? NaN).toFixed(1)} photos/min [${sorted.map((r) => r.toFixed(1)).join(', ')}]`
    )
  }
  await engine.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
