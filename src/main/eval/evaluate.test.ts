import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ModelEntry } from '../../shared/domain/model-manifest'
import type { RawImage } from '../engine/raw-image'
import type { ModelRunner, ModelSource } from '../engine/runtime/model-runner'
import { ContactSheet, SHEET_COLUMNS } from './contact-sheet'
import type { EvalCrop } from './evaluate'
import { cleanCheck, evaluateTask } from './evaluate'
import { markdown, summarise } from './report'
import { EVAL_TASKS } from './tasks'

/**
 * The eval's plumbing on two tiny crops with stand-in networks (identity for the 1× models,
 * nearest-neighbour enlargement for the upscalers): fast and deterministic. The numbers of a
 * real run are a report, not a test.
 */
function stubModels(): ModelSource & { calls: string[] } {
  const calls: string[] = []
  const runner = (id: string): Promise<ModelRunner> => {
    calls.push(id)
    const scale = Number(/-x(\d)$/.exec(id)?.[1] ?? 1)
    const entry = {
      id,
      scale,
      inputShape: [1, null, null, 3],
      sizeDivisibility: 1,
      tile: { size: 64, overlap: 8 }
    } as unknown as ModelEntry
    return Promise.resolve({
      entry,
      provider: 'cpu',
      run: (tile: Float32Array, height: number, width: number) => {
        const out = new Float32Array(height * scale * width * scale * 3)
        for (let y = 0; y < height * scale; y++) {
          for (let x = 0; x < width * scale; x++) {
            const from = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3
            out.set(tile.subarray(from, from + 3), (y * width * scale + x) * 3)
          }
        }
        return Promise.resolve(out)
      }
    })
  }
  return { calls, runner, cpuRunner: runner }
}

function crop(id: string, seed: number, split: 'dev' | 'test'): EvalCrop {
  const size = 48
  const data = new Uint8Array(size * size * 3)
  for (let i = 0; i < data.length; i++) {
    const p = Math.floor(i / 3)
    data[i] = Math.round(
      120 + 80 * Math.sin((p % size) / (2 + seed)) * Math.cos(p / size / 3 + (i % 3))
    )
  }
  const image: RawImage = { data, width: size, height: size, channels: 3, bitDepth: 8 }
  return { id, seed, split, image }
}

const task = (id: string): (typeof EVAL_TASKS)[number] => {
  const found = EVAL_TASKS.find((t) => t.id === id)
  if (!found) throw new Error(id)
  return found
}

describe('the eval on two tiny crops', () => {
  it('scores every row, runs the raw network and the tool, and keeps the best baseline', async () => {
    const crops = [crop('a', 1, 'dev'), crop('b', 2, 'dev')]
    const models = stubModels()
    const results = await evaluateTask(task('denoise'), crops, models)
    expect(results).toHaveLength(2)
    for (const r of results) {
      expect(r.degradation).toMatch(/σ/)
      // An identity "denoiser": the raw network returns the noisy input exactly.
      expect(r.raw.psnr).toBeCloseTo(r.degraded?.psnr ?? NaN, 6)
      expect(Number.isFinite(r.oracle.psnr)).toBe(true)
      expect(r.auto).not.toBeNull()
    }
    expect(models.calls).toContain('maxim-denoising')
  })

  it('is deterministic: the same crops give the same numbers', async () => {
    const crops = [crop('a', 1, 'dev')]
    const first = await evaluateTask(task('deblur'), crops, stubModels())
    const second = await evaluateTask(task('deblur'), crops, stubModels())
    expect(second.map((r) => [r.degradation, r.raw, r.oracle])).toEqual(
      first.map((r) => [r.degradation, r.raw, r.oracle])
    )
  })

  it('super-resolution: degrades by the task factor and compares with Lanczos', async () => {
    const crops = [crop('a', 1, 'test'), crop('b', 2, 'test')]
    const results = await evaluateTask(task('upscale-x4'), crops, stubModels())
    for (const r of results) {
      expect(r.degradation).toMatch(/×4/)
      expect(r.degraded).toBeNull()
      expect(r.lanczos).not.toBeNull()
    }
    const summary = summarise(task('upscale-x4'), results, [])
    expect(summary.overReference.psnr).toBeCloseTo(
      summary.lucid.psnr - (summary.lanczos?.psnr ?? 0),
      9
    )
    // Nearest-neighbour enlargement loses to Lanczos: the target check must say so.
    expect(summary.targets.overBaseline).toBe(false)
    expect(markdown('test', [summary])).toContain('| upscale ×4 |')
  })

  it('the clean check measures what a tool takes from a photo that needs nothing', async () => {
    const crops = [crop('a', 1, 'dev')]
    const [clean] = await cleanCheck(task('deblur'), crops, stubModels())
    // An identity network changes nothing: no loss.
    expect(clean?.lucid.psnr).toBeCloseTo(clean?.input.psnr ?? NaN, 6)
    const summary = summarise(
      task('deblur'),
      await evaluateTask(task('deblur'), crops, stubModels()),
      clean ? [clean] : []
    )
    expect(summary.clean?.meanLoss).toBeCloseTo(0, 6)
    expect(summary.targets.clean).toBe(true)
  })

  it('draws a contact sheet with a header and one row per crop', async () => {
    const crops = [crop('a', 1, 'dev'), crop('b', 2, 'dev')]
    const sheet = new ContactSheet(8)
    await evaluateTask(task('lowlight'), crops, stubModels(), (row) => sheet.add(row))
    expect(sheet.size).toBe(2)
    const meta = await sharp(await sheet.png('low light')).metadata()
    expect(meta.width).toBe(SHEET_COLUMNS.length * (192 + 4) + 4)
    expect(meta.height).toBe(28 + 2 * (192 + 4) + 4)
  })
})
