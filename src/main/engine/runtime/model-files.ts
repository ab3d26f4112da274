import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelEntry, ModelManifest } from '../../../shared/domain/model-manifest'
import { ModelManifestSchema } from '../../../shared/domain/model-manifest'
import { LucidError } from '../../../shared/ipc/errors'

const REGENERATE = 'run `npm run models` to generate the models'

/** A model's manifest entry and the absolute path of its ONNX file. */
export interface ModelFile {
  readonly entry: ModelEntry
  readonly path: string
}

/**
 * Reads and validates `manifest.json` in a models directory.
 *
 * @throws LucidError MODEL_MISSING when the manifest is absent, not JSON or not a valid manifest
 */
export async function readModelManifest(modelsDir: string): Promise<ModelManifest> {
  const path = join(modelsDir, 'manifest.json')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new LucidError('MODEL_MISSING', `The model manifest ${path} is missing; ${REGENERATE}`, {
      cause: error
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new LucidError('MODEL_MISSING', `The model manifest ${path} is not valid JSON`, {
      cause: error
    })
  }
  const parsed = ModelManifestSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown shape'
    throw new LucidError(
      'MODEL_MISSING',
      `The model manifest ${path} is not one this version of Lucid reads (${where}); ${REGENERATE}`
    )
  }
  return parsed.data
}

/**
 * Finds a model in the manifest and checks its file is there with the manifest's size. Sizes
 * only: hashing the 95 MB files on every start would cost seconds, and `npm run models` already
 * verifies the SHA-256 when it writes them.
 *
 * @throws LucidError MODEL_MISSING when the id is not in the manifest, or the file is absent or
 *   has another size
 */
export async function locateModel(
  modelsDir: string,
  manifest: ModelManifest,
  modelId: string
): Promise<ModelFile> {
  const entry = manifest.models.find((model) => model.id === modelId)
  if (!entry) {
    throw new LucidError(
      'MODEL_MISSING',
      `The model ${modelId} is not in ${join(modelsDir, 'manifest.json')}; ${REGENERATE}`
    )
  }
  const path = join(modelsDir, entry.file)
  let bytes: number
  try {
    const stats = await stat(path)
    if (!stats.isFile()) throw new Error(`${path} is not a file`)
    bytes = stats.size
  } catch (error) {
    throw new LucidError('MODEL_MISSING', `The model file ${path} is missing; ${REGENERATE}`, {
      cause: error
    })
  }
  if (bytes !== entry.bytes) {
    throw new LucidError(
      'MODEL_MISSING',
      `The model file ${path} has ${bytes} bytes where the manifest expects ${entry.bytes}; ${REGENERATE}`
    )
  }
  return { entry, path }
}
