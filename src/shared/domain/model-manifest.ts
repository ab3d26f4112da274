import { z } from 'zod'
import { PROVIDERS } from './restoration'

/**
 * resources/models/manifest.json: what each generated ONNX model is, how to feed it, and the
 * SHA-256 it must have. Committed; the .onnx files are generated at install time.
 */
const onnxFileName = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9]+)*\.onnx$/)

/**
 * A reduced-precision copy of a model, generated from its float32 file by the converter: the
 * engine loads it instead of the float32 file on the devices listed (see model-variant.ts).
 */
export const ModelVariantSchema = z.object({
  /** fp16: float16 weights and compute, float32 interface; int8: QDQ (int8 weights, uint8 activations). */
  precision: z.enum(['fp16', 'int8']),
  file: onnxFileName,
  /** Execution providers this variant is meant for (onnxruntime provider names). */
  devices: z.array(z.enum(PROVIDERS)).min(1),
  /**
   * Worst PSNR change against ground truth versus the float32 model on the quality photos (dB,
   * negative = worse), when it was measured on this CPU at generation.
   */
  psnrDelta: z.number().optional(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/)
})
export type ModelVariant = z.infer<typeof ModelVariantSchema>

export const ModelEntrySchema = z.object({
  id: z.string(),
  task: z.enum(['deblur', 'lowlight', 'denoise', 'upscale']),
  file: onnxFileName,
  scale: z.number().int().positive(),
  quality: z.enum(['fast', 'balanced', 'best']).optional(),
  /** Pixel values the ONNX model takes and returns (scaling of the source weights is folded in). */
  inputRange: z.tuple([z.number(), z.number()]),
  outputRange: z.tuple([z.number(), z.number()]),
  /** Range the original weights were trained on. */
  sourceRange: z.tuple([z.number(), z.number()]),
  layout: z.literal('NHWC'),
  /** Input shape; null for a dynamic dimension. */
  inputShape: z.array(z.number().int().positive().nullable()).length(4),
  /** Height and width must be multiples of this. */
  sizeDivisibility: z.number().int().positive(),
  tile: z.object({ size: z.number().int().positive(), overlap: z.number().int().nonnegative() }),
  flopsPerInputPixel: z.number().positive(),
  parameters: z.number().int().positive(),
  architecture: z.string(),
  dataset: z.string(),
  source: z.object({ package: z.string(), version: z.string(), modelJson: z.string() }),
  license: z.string(),
  weightsOrigin: z.string(),
  opset: z.number().int(),
  onnxNodes: z.number().int().positive(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Reduced-precision copies; absent in manifests written before they existed. */
  variants: z.array(ModelVariantSchema).optional()
})
export type ModelEntry = z.infer<typeof ModelEntrySchema>

export const ModelManifestSchema = z.object({
  /** Bumped whenever the converter's output changes. */
  converterVersion: z.number().int().positive(),
  models: z.array(ModelEntrySchema)
})
export type ModelManifest = z.infer<typeof ModelManifestSchema>
