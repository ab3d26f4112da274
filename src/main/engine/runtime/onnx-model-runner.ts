import type { InferenceSession } from 'onnxruntime-node'
import { Tensor } from 'onnxruntime-node'
import type { ModelEntry } from '../../../shared/domain/model-manifest'
import type { ProviderName } from '../../../shared/domain/restoration'
import { LucidError } from '../../../shared/ipc/errors'
import { inferenceError } from './inference-errors'
import type { ModelRunner } from './model-runner'
import { providerLabels } from './providers'

/** A ModelRunner over one onnxruntime session; the session belongs to the SessionPool. */
export class OnnxModelRunner implements ModelRunner {
  constructor(
    readonly entry: ModelEntry,
    private readonly session: InferenceSession,
    readonly provider: ProviderName,
    readonly fallbackReason?: string
  ) {}

  /**
   * Runs one NHWC float32 RGB tile through the model.
   *
   * @throws LucidError INVALID_ARGUMENT when the tile's length is not height·width·3,
   *   OUT_OF_MEMORY when the provider could not allocate, INFERENCE_FAILED otherwise
   */
  async run(tile: Float32Array, height: number, width: number): Promise<Float32Array> {
    if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
      throw new LucidError(
        'INVALID_ARGUMENT',
        `Expected positive integer tile size but received ${width}×${height}`
      )
    }
    if (tile.length !== height * width * 3) {
      throw new LucidError(
        'INVALID_ARGUMENT',
        `Expected ${height * width * 3} samples for a ${width}×${height} RGB tile but received ${tile.length}`
      )
    }
    const { id, scale } = this.entry
    const label = providerLabels[this.provider]
    let outputs: InferenceSession.OnnxValueMapType
    try {
      const input = new Tensor('float32', tile, [1, height, width, 3])
      outputs = await this.session.run({ [this.inputName()]: input })
    } catch (error) {
      throw inferenceError(id, label, error)
    }
    const output = outputs[this.session.outputNames[0] ?? '']
    const expected = height * scale * width * scale * 3
    if (!output || !(output.data instanceof Float32Array) || output.data.length !== expected) {
      throw new LucidError(
        'INFERENCE_FAILED',
        `${id} returned ${output ? `${output.type} [${output.dims.join(', ')}]` : 'no output'} where ${expected} float32 samples were expected`
      )
    }
    return output.data
  }

  private inputName(): string {
    const name = this.session.inputNames[0]
    if (name === undefined)
      throw new LucidError('INFERENCE_FAILED', `${this.entry.id} has no input`)
    return name
  }
}
