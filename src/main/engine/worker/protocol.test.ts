import { describe, expect, it } from 'vitest'
import { parseFromWorker, parseToWorker, parseWorkerConfig } from './protocol'

describe('protocol', () => {
  it('accepts well-formed messages in both directions', () => {
    const cancelFlag = new SharedArrayBuffer(4)
    expect(parseToWorker({ type: 'run', jobId: 3, job: { any: 'shape' }, cancelFlag })).toEqual({
      type: 'run',
      jobId: 3,
      job: { any: 'shape' },
      cancelFlag
    })
    expect(parseToWorker({ type: 'close' })).toEqual({ type: 'close' })
    const progress = {
      type: 'progress',
      jobId: 1,
      tilesDone: 2,
      tilesTotal: 9,
      stage: 'Deblurring'
    }
    expect(parseFromWorker(progress)).toEqual(progress)
    const error = { type: 'error', jobId: 1, error: { code: 'OUT_OF_MEMORY', message: 'no room' } }
    expect(parseFromWorker(error)).toEqual(error)
  })

  it.each([
    ['an unknown type', { type: 'explode', jobId: 1 }],
    [
      'a cancel flag that is not shared',
      { type: 'run', jobId: 1, job: {}, cancelFlag: new ArrayBuffer(4) }
    ],
    [
      'a negative job id',
      { type: 'run', jobId: -1, job: {}, cancelFlag: new SharedArrayBuffer(4) }
    ],
    ['no object at all', 'run']
  ])('refuses %s from the main thread as INTERNAL', (_, message) => {
    expect(() => parseToWorker(message)).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }) as Error
    )
  })

  it('refuses an error code the app does not know, and fractional tile counts', () => {
    const unknownCode = { type: 'error', jobId: 1, error: { code: 'EBUSY', message: 'x' } }
    expect(() => parseFromWorker(unknownCode)).toThrow(
      /Malformed message from the inference worker/
    )
    const fractional = { type: 'progress', jobId: 1, tilesDone: 0.5, tilesTotal: 2, stage: 's' }
    expect(() => parseFromWorker(fractional)).toThrow(/tilesDone/)
  })

  it('validates the worker configuration', () => {
    expect(parseWorkerConfig({ modelsDir: '/m', device: { kind: 'cuda', gpuIndex: 1 } })).toEqual({
      modelsDir: '/m',
      device: { kind: 'cuda', gpuIndex: 1 }
    })
    expect(() => parseWorkerConfig({ modelsDir: '/m', device: { kind: 'tpu' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }) as Error
    )
  })
})
