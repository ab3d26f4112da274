import { existsSync } from 'node:fs'
import { readdir, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { BatchEvent } from '../../shared/domain/batch'
import { BatchOutputSettingsSchema } from '../../shared/domain/batch'
import type { Recipe } from '../../shared/domain/recipe'
import { LucidError } from '../../shared/ipc/errors'
import type { JobRunner } from '../engine/ops/job'
import { tempDir, writeLowContrastPng } from '../testing/images'
import { startRecipeBatch } from './recipe-batch'
import { recipeFraction, runRecipeJob } from './recipe-job'

/** The engine's stand-in: each step reports half-way and gives the image back unchanged. */
const echoRunner: JobRunner = {
  run: (job, options) => {
    options?.onProgress?.({
      fraction: 0.5,
      tilesDone: 1,
      tilesTotal: 2,
      etaSeconds: 1,
      stage: `Running ${job.operation.op}`
    })
    return Promise.resolve({ image: job.image, provider: 'cpu', tilesInferred: 2, seconds: 0 })
  }
}

/** Never finishes a job on its own: it rejects when the job's signal aborts. */
const stuckRunner: JobRunner = {
  run: (_job, options) =>
    new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => {
        reject(new LucidError('CANCELLED', 'The job was cancelled'))
      })
    })
}

const recipe: Recipe = [
  { op: 'denoise', strength: 0.5 },
  { op: 'lowlight', strength: 1 }
]

async function photos(...names: string[]): Promise<{ dir: string; inputs: string[] }> {
  const dir = await realpath(await tempDir())
  const inputs = await Promise.all(names.map((name) => writeLowContrastPng(dir, name, 24, 16)))
  return { dir, inputs }
}

describe('runRecipeJob', () => {
  it('runs every step and writes the result in the format asked for', async () => {
    const { dir, inputs } = await photos('a.png')
    const progress: string[] = []
    const result = await runRecipeJob(
      echoRunner,
      {
        input: inputs[0]!,
        output: join(dir, 'a.webp'),
        recipe,
        export: { format: 'webp', colourProfile: 'srgb', keepMetadata: false },
        overwrite: false
      },
      { onProgress: (step, p) => progress.push(`${step}:${p.stage}`) }
    )
    expect(result).toMatchObject({ width: 24, height: 16, steps: [{ provider: 'cpu' }, {}] })
    expect(progress).toEqual(['0:Running denoise', '1:Running lowlight'])
    expect(await sharp(join(dir, 'a.webp')).metadata()).toMatchObject({ format: 'webp', width: 24 })
  })

  it('writes nothing when cancelled, and never writes onto its input', async () => {
    const { dir, inputs } = await photos('a.png')
    const input = inputs[0]!
    const job = {
      input,
      recipe,
      export: { format: 'png' as const, colourProfile: 'srgb' as const, keepMetadata: false },
      overwrite: true
    }
    const controller = new AbortController()
    const running = runRecipeJob(
      stuckRunner,
      { ...job, output: join(dir, 'out.png') },
      {
        signal: controller.signal
      }
    )
    controller.abort()
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await readdir(dir)).toEqual(['a.png'])
    await expect(runRecipeJob(echoRunner, { ...job, output: input })).rejects.toMatchObject({
      code: 'WOULD_OVERWRITE_ORIGINAL'
    })
  })

  it('adds up the steps into one fraction', () => {
    expect(recipeFraction(0, 2, 0.5)).toBe(0.25)
    expect(recipeFraction(1, 2, 1)).toBe(1)
    expect(recipeFraction(0, 0, 0)).toBe(1)
  })
})

describe('startRecipeBatch', () => {
  it('writes every good photo, reports the bad one and skips an existing output', async () => {
    const { dir, inputs } = await photos('a.png', 'c.png', 'd.png')
    const bad = join(dir, 'b.png')
    await writeFile(bad, 'not an image')
    const out = join(dir, 'out')
    const events: BatchEvent[] = []
    const first = await startRecipeBatch({
      runner: echoRunner,
      inputs: [inputs[0]!, bad, inputs[1]!],
      recipe,
      output: BatchOutputSettingsSchema.parse({ folder: out, format: 'jpeg' }),
      onEvent: (e) => events.push(e)
    })
    const summary = await first.result
    expect(summary.done.map((d) => d.output)).toEqual([
      join(out, 'a_lucid.jpg'),
      join(out, 'c_lucid.jpg')
    ])
    expect(summary.failed).toEqual([
      {
        index: 1,
        input: bad,
        code: 'UNSUPPORTED_FORMAT',
        message: 'b.png is not an image Lucid can open'
      }
    ])
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'item-progress',
        fraction: 0.75,
        stage: 'Running lowlight (step 2/2)'
      })
    )
    const second = await startRecipeBatch({
      runner: echoRunner,
      inputs: [inputs[0]!, inputs[2]!],
      recipe,
      output: BatchOutputSettingsSchema.parse({ folder: out, format: 'jpeg', onExist: 'skip' })
    })
    expect(await second.result).toMatchObject({
      done: [{ input: inputs[2] }],
      skipped: [{ input: inputs[0], reason: 'a_lucid.jpg already exists' }]
    })
    expect((await readdir(out)).sort()).toEqual(['a_lucid.jpg', 'c_lucid.jpg', 'd_lucid.jpg'])
  })

  it('cancelled, leaves no output file behind', async () => {
    const { dir, inputs } = await photos('a.png', 'b.png', 'c.png')
    const out = join(dir, 'out')
    // Cancelled once both photos in flight are stuck in their first step, not after a guess at
    // how long decoding them takes.
    let inRunner = 0
    let bothIn: () => void = () => undefined
    const stuck = new Promise<void>((resolve) => (bothIn = resolve))
    const run = await startRecipeBatch({
      runner: {
        run: (job, options) => {
          if (++inRunner === 2) bothIn()
          return stuckRunner.run(job, options)
        }
      },
      inputs,
      recipe,
      output: BatchOutputSettingsSchema.parse({ folder: out }),
      concurrency: 2
    })
    await stuck
    run.cancel()
    expect(await run.result).toMatchObject({ state: 'cancelled', done: [], notRun: 3 })
    expect(await readdir(out)).toEqual([])
  })

  it('refuses an output folder it cannot create', async () => {
    const { dir, inputs } = await photos('a.png')
    await expect(
      startRecipeBatch({
        runner: echoRunner,
        inputs,
        recipe,
        output: BatchOutputSettingsSchema.parse({ folder: join(inputs[0]!, 'out') })
      })
    ).rejects.toMatchObject({ code: 'WRITE_FAILED' })
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })
})
