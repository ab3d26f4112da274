import * as tf from '@tensorflow/tfjs'
import type { TfjsArtifacts } from './tfjs-artifacts'

/**
 * The reference implementation: the same weights run by TF.js (pure-JS CPU backend), used to
 * prove the converted models right. Custom layers are registered by the model package's own
 * `setup(tf)`, exactly as UpscalerJS does.
 */
let backendReady: Promise<boolean> | undefined

export async function useCpuBackend(): Promise<void> {
  backendReady ??= tf.setBackend('cpu')
  await backendReady
}

function memoryHandler(artifacts: TfjsArtifacts): tf.io.IOHandler {
  const { json } = artifacts
  return {
    load: () =>
      Promise.resolve({
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature as tf.io.ModelArtifacts['signature'],
        weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
        weightData: artifacts.weightData
      })
  }
}

export interface ReferenceModel {
  /** Runs NHWC float input of the given shape; returns NHWC float output and its shape. */
  run(
    input: Float32Array,
    shape: readonly number[]
  ): Promise<{ data: Float32Array; shape: number[] }>
  dispose(): void
}

export async function loadReferenceModel(
  artifacts: TfjsArtifacts,
  options: { setup?: (tfModule: typeof tf) => void } = {}
): Promise<ReferenceModel> {
  await useCpuBackend()
  options.setup?.(tf)
  const handler = memoryHandler(artifacts)
  const isGraph = artifacts.json.format === 'graph-model'
  const model = isGraph ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler)
  return {
    async run(input, shape) {
      const x = tf.tensor(input, [...shape], 'float32')
      const y = (
        isGraph ? (model as tf.GraphModel).execute(x) : (model as tf.LayersModel).predict(x)
      ) as tf.Tensor
      const data = (await y.data()) as Float32Array
      const result = { data: Float32Array.from(data), shape: [...y.shape] }
      x.dispose()
      y.dispose()
      return result
    },
    dispose: () => model.dispose()
  }
}
