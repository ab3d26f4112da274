import type { ModelEntry } from '../../../shared/domain/model-manifest'

/** Where a Lucid model's TF.js original lives in its UpscalerJS model package. */
export interface UpscalerJsModelSource {
  /** The module whose default export is UpscalerJS's model definition, e.g. `@upscalerjs/esrgan-slim/2x`. */
  readonly definition: string
  readonly package: string
  /** model.json inside the package, as the definition's `_internals.path` names it. */
  readonly modelJson: string
}

/** ESRGAN packages keep one model per scale under models/x<scale>/ and export it as `./<scale>x`. */
const PER_SCALE_MODEL_JSON = /^models\/x(\d+)\/model\.json$/
/** MAXIM packages hold a single model and export its definition as the package itself. */
const SINGLE_MODEL_JSON = 'models/model.json'

/**
 * Maps a manifest entry to the UpscalerJS model definition that describes the same weights.
 *
 * @throws Error when the entry's model.json follows neither package layout
 */
export function upscalerJsModelSource(
  entry: Pick<ModelEntry, 'id' | 'source'>
): UpscalerJsModelSource {
  const { package: packageName, modelJson } = entry.source
  const perScale = PER_SCALE_MODEL_JSON.exec(modelJson)
  if (perScale)
    return { definition: `${packageName}/${perScale[1]}x`, package: packageName, modelJson }
  if (modelJson === SINGLE_MODEL_JSON)
    return { definition: packageName, package: packageName, modelJson }
  throw new Error(
    `Expected models/x<scale>/model.json or models/model.json for ${entry.id} but received ${modelJson}`
  )
}
