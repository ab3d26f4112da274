import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelVariant } from '../../../shared/domain/model-manifest'
import { writeFileAtomically } from '../../engine/atomic-write'
import { calibrateRanges } from './calibrate'
import { toFloat16Model } from './fp16-pass'
import { calibrationPhotos, quadrantCrops } from './photo-crops'
import type { ActivationRanges } from './qdq-pass'
import { quantizationPoints, quantizeModel } from './qdq-pass'

export type Precision = ModelVariant['precision']

/** Which providers load each precision. */
const devices: Readonly<Record<Precision, ModelVariant['devices']>> = {
  fp16: ['cuda', 'dml', 'coreml'],
  int8: ['cpu']
}

/** The variant's file name: the float32 file's with the precision before `.onnx`. */
export const variantFile = (file: string, precision: Precision): string =>
  file.replace(/\.onnx$/, `.${precision}.onnx`)

/**
 * Writes the reduced-precision copies of a generated float32 model (atomically, like the model)
 * and returns their manifest records. Deterministic: fp16 is a pure rewrite; int8 calibrates on
 * fixed crops of fixed photos, single-threaded, with ranges rounded outward to a coarse grid.
 */
export async function generateVariants(
  fp32: Uint8Array,
  file: string,
  precisions: readonly Precision[],
  modelsDir: string
): Promise<ModelVariant[]> {
  const variants: ModelVariant[] = []
  for (const precision of precisions) {
    const bytes = precision === 'fp16' ? toFloat16Model(fp32) : await toInt8Model(fp32)
    const name = variantFile(file, precision)
    const path = join(modelsDir, name)
    await writeFileAtomically(path, bytes)
    variants.push({
      precision,
      file: name,
      devices: devices[precision],
      bytes: (await stat(path)).size,
      sha256: createHash('sha256').update(bytes).digest('hex')
    })
  }
  return variants
}

/** Calibration crop size (input pixels): big enough for the receptive field of a conv stack. */
const CROP = 64

/** Post-training static quantization of a float32 model calibrated on the calibration photos. */
export async function toInt8Model(
  fp32: Uint8Array,
  options: { readonly pairBounded?: boolean } = {}
): Promise<Uint8Array> {
  return quantizeModel(fp32, await int8Ranges(fp32), options)
}

/** The activation ranges int8 quantization uses, from crops of the calibration photos. */
export async function int8Ranges(fp32: Uint8Array): Promise<ActivationRanges> {
  const batches = []
  for (const photo of calibrationPhotos()) {
    const crops = await quadrantCrops(photo, CROP)
    const data = new Float32Array(crops.length * CROP * CROP * 3)
    crops.forEach((c, i) => data.set(c.data, i * c.data.length))
    batches.push({ data, dims: [crops.length, CROP, CROP, 3] as const })
  }
  // Min and max, not a percentile: clipping the rare large activations cost far more PSNR
  // (0.3 to 5 dB on ESRGAN) than the coarser steps of the full range.
  return calibrateRanges(fp32, quantizationPoints(fp32), batches, { percentile: 1 })
}
