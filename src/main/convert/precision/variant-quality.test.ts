import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { readManifest } from '../generate'
import { targets } from '../targets'
import { psnr8, qualityPhotos, superResolutionPair } from './photo-crops'

/**
 * The quality gate of issue #8: a reduced-precision variant ships only if, on every quality
 * photo (never the calibration ones), its PSNR against ground truth stays within 0.3 dB of the
 * float32 model's. Super-resolution ground truth: a photo crop, downscaled bicubic by the scale.
 * fp16 runs here on the CPU provider, which executes fp16 graphs (casting where it has no fp16
 * kernel): that checks the fp16 weights and rounding, not a GPU's fp16 arithmetic.
 */
const MAX_LOSS_DB = 0.3
const modelsDir = join(process.cwd(), 'resources', 'models')

// One model per family and precision keeps the run short; x2 has the most input pixels per
// output, so it shows quantization noise the most.
const checked = targets.flatMap((t) =>
  t.precisions
    .filter((p) => p === 'int8' || /-x2$/.test(t.source.id))
    .map((precision) => ({ id: t.source.id, scale: t.source.scale, precision }))
)

async function output(
  session: ort.InferenceSession,
  low: { data: Float32Array; width: number; height: number }
): Promise<Float32Array> {
  const input = new ort.Tensor('float32', low.data, [1, low.height, low.width, 3])
  const result = await session.run({ input })
  return result.output?.data as Float32Array
}

describe.each(checked)('$id $precision', ({ id, scale, precision }) => {
  it(`stays within ${MAX_LOSS_DB} dB of float32 on every quality photo`, async () => {
    const entry = (await readManifest(modelsDir))?.models.find((m) => m.id === id)
    const variant = entry?.variants?.find((v) => v.precision === precision)
    expect(variant, `${id} ${precision} in the manifest`).toBeDefined()
    const options = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' } as const
    const fp32 = await ort.InferenceSession.create(join(modelsDir, entry?.file ?? ''), options)
    const reduced = await ort.InferenceSession.create(
      await readFile(join(modelsDir, variant?.file ?? '')),
      options
    )
    try {
      for (const photo of qualityPhotos()) {
        const { low, truth } = await superResolutionPair(photo, scale, 96 - (96 % scale))
        const reference = psnr8(truth.data, await output(fp32, low))
        const candidate = psnr8(truth.data, await output(reduced, low))
        expect(candidate, photo).toBeGreaterThanOrEqual(reference - MAX_LOSS_DB)
      }
    } finally {
      await Promise.all([fp32.release(), reduced.release()])
    }
  }, 120_000)
})
