import type { InferenceSession } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import type { ModelEntry } from '../../../shared/domain/model-manifest'
import { OnnxModelRunner } from './onnx-model-runner'

const entry = { id: 'fake-x2', scale: 2 } as ModelEntry

/** A session whose run fails with the given message (only what the runner touches). */
function failingSession(message: string): InferenceSession {
  const session: Pick<InferenceSession, 'inputNames' | 'outputNames' | 'run'> = {
    inputNames: ['input'],
    outputNames: ['output'],
    run: () => Promise.reject(new Error(message))
  }
  return session as InferenceSession
}

describe('OnnxModelRunner', () => {
  it('turns an allocation failure into OUT_OF_MEMORY and other failures into INFERENCE_FAILED', async () => {
    const tile = new Float32Array(4 * 4 * 3)
    const oom = new OnnxModelRunner(
      entry,
      failingSession('Failed to allocate memory for requested buffer of size 1073741824'),
      'cuda'
    )
    await expect(oom.run(tile, 4, 4)).rejects.toMatchObject({
      code: 'OUT_OF_MEMORY',
      message: expect.stringContaining('CUDA') as string
    })
    const broken = new OnnxModelRunner(entry, failingSession('Non-zero status code'), 'cpu')
    await expect(broken.run(tile, 4, 4)).rejects.toMatchObject({ code: 'INFERENCE_FAILED' })
  })
})
