import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { installedProviders } from './installed-providers'

describe('installedProviders', () => {
  it('always has the CPU, and CUDA exactly when its provider library is installed', () => {
    const installed = installedProviders('linux', 'x64')
    expect(installed.has('cpu')).toBe(true)
    const cudaLibrary = join(
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64',
      'libonnxruntime_providers_cuda.so'
    )
    expect(installed.has('cuda')).toBe(existsSync(cudaLibrary))
  })

  it('has no CUDA where no build of it exists', () => {
    expect(installedProviders('darwin', 'arm64').has('cuda')).toBe(false)
  })
})
