import { describe, expect, it } from 'vitest'
import { LucidError } from '../../../shared/ipc/errors'
import { errorText, inferenceError, sessionLoadError } from './inference-errors'

describe('inferenceError', () => {
  it.each([
    'Failed to allocate memory for requested buffer of size 4294967296',
    '[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : CUDA failure 2: out of memory',
    'std::bad_alloc',
    'CUDNN_STATUS_ALLOC_FAILED',
    'DmlExecutionProvider: E_OUTOFMEMORY'
  ])('maps "%s" to OUT_OF_MEMORY', (message) => {
    const error = inferenceError('maxim-deblurring', 'CUDA', new Error(message))
    expect(error.code).toBe('OUT_OF_MEMORY')
    expect(error.message).toContain('maxim-deblurring')
  })

  it('maps any other failure to INFERENCE_FAILED and keeps LucidErrors', () => {
    const error = inferenceError('m', 'CPU', new Error('Got invalid dimensions for input: input'))
    expect(error.code).toBe('INFERENCE_FAILED')
    expect(error.message).toContain('invalid dimensions')
    const cancelled = new LucidError('CANCELLED', 'stop')
    expect(inferenceError('m', 'CPU', cancelled)).toBe(cancelled)
  })
})

describe('sessionLoadError', () => {
  it('asks for regeneration when a model cannot be loaded, OUT_OF_MEMORY when it does not fit', () => {
    const damaged = sessionLoadError('m', new Error('Protobuf parsing failed.'))
    expect(damaged.code).toBe('MODEL_MISSING')
    expect(damaged.message).toContain('npm run models')
    expect(sessionLoadError('m', new Error('bad_alloc')).code).toBe('OUT_OF_MEMORY')
  })
})

describe('errorText', () => {
  it('keeps the first non-empty line, shortened', () => {
    expect(errorText(new Error('\n first \n second'))).toBe('first')
    expect(errorText('x'.repeat(500))).toHaveLength(298)
  })
})
