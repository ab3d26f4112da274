import type { EditOperation } from '../../shared/domain/document'
import type { RawImage } from './raw-image'
import { sharpFromRaw, toRawImage } from './raw-image'

/**
 * Every edit operation in one registry: how it is labelled in the history and how it turns
 * pixels into new pixels. Operations never modify their input.
 */
interface OperationDefinition<O extends EditOperation> {
  label: (operation: O) => string
  apply: (image: RawImage, operation: O) => Promise<RawImage>
}

type Registry = {
  [K in EditOperation['op']]: OperationDefinition<Extract<EditOperation, { op: K }>>
}

const registry: Registry = {
  autoLevels: {
    label: () => 'Auto levels',
    // sharp's normalise stretches luminance so the percentiles map to black and white,
    // keeping hue; alpha is left alone.
    apply: (image, { lowerPercentile, upperPercentile }) =>
      toRawImage(sharpFromRaw(image).normalise({ lower: lowerPercentile, upper: upperPercentile }))
  }
}

export function operationLabel(operation: EditOperation): string {
  return registry[operation.op].label(operation)
}

/** Applies one operation, returning a new image. */
export function applyOperation(image: RawImage, operation: EditOperation): Promise<RawImage> {
  return registry[operation.op].apply(image, operation)
}
