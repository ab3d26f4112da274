import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelEntry, ModelVariant } from '../../../shared/domain/model-manifest'
import type { ProviderName } from '../../../shared/domain/restoration'

/**
 * `auto` loads the reduced-precision copy made for the provider when the manifest has one;
 * `fp32` always loads the float32 file (for comparisons, or if a variant misbehaves on a device).
 */
export type PrecisionSetting = 'auto' | 'fp32'

/** The file to open for one provider, and the SHA-256 that identifies its bytes. */
export interface ModelFileChoice {
  readonly file: string
  readonly sha256: string
  readonly bytes: number
  readonly precision: 'fp32' | ModelVariant['precision']
}

/** What the GPU providers prefer first; the CPU prefers int8 (its integer kernels). */
const preference: Readonly<Record<ProviderName, readonly ModelVariant['precision'][]>> = {
  cpu: ['int8'],
  cuda: ['fp16'],
  dml: ['fp16'],
  coreml: ['fp16']
}

/**
 * Picks the file a provider loads: with `auto`, the manifest's variant for that provider in the
 * provider's order of preference; otherwise, or when there is none, the float32 file.
 */
export function chooseModelFile(
  entry: ModelEntry,
  provider: ProviderName,
  precision: PrecisionSetting
): ModelFileChoice {
  const fp32: ModelFileChoice = {
    file: entry.file,
    sha256: entry.sha256,
    bytes: entry.bytes,
    precision: 'fp32'
  }
  if (precision === 'fp32') return fp32
  for (const wanted of preference[provider]) {
    const variant = entry.variants?.find(
      (v) => v.precision === wanted && v.devices.includes(provider)
    )
    if (variant) {
      const { file, sha256, bytes } = variant
      return { file, sha256, bytes, precision: variant.precision }
    }
  }
  return fp32
}

/**
 * The chosen file's absolute path, falling back to the float32 file when the variant is absent
 * or has another size than the manifest says: a variant only makes a model faster, so a broken
 * one must not stop the model from running. (locateModel has already checked the float32 file.)
 */
export async function locateModelFile(
  modelsDir: string,
  entry: ModelEntry,
  provider: ProviderName,
  precision: PrecisionSetting
): Promise<ModelFileChoice & { readonly path: string }> {
  const choice = chooseModelFile(entry, provider, precision)
  if (choice.precision !== 'fp32') {
    const path = join(modelsDir, choice.file)
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1
    )
    if (size === choice.bytes) return { ...choice, path }
  }
  const fp32 = chooseModelFile(entry, provider, 'fp32')
  return { ...fp32, path: join(modelsDir, fp32.file) }
}
