import { describe, expect, it } from 'vitest'
import type { DeviceChoice } from '../../../shared/domain/restoration'
import { providerPlan } from './providers'

const names = (platform: NodeJS.Platform, device: DeviceChoice, arch = 'x64'): string[] =>
  providerPlan(platform, device, arch).map((attempt) => attempt.provider)

describe('providerPlan', () => {
  it('tries the platform GPU providers first on auto, then the CPU', () => {
    expect(names('linux', { kind: 'auto' })).toEqual(['cuda', 'cpu'])
    expect(names('linux', { kind: 'auto' }, 'arm64')).toEqual(['cpu'])
    expect(names('win32', { kind: 'auto' })).toEqual(['cuda', 'dml', 'cpu'])
    expect(names('win32', { kind: 'auto' }, 'arm64')).toEqual(['dml', 'cpu'])
    expect(names('darwin', { kind: 'auto' }, 'arm64')).toEqual(['coreml', 'cpu'])
    expect(names('freebsd', { kind: 'auto' })).toEqual(['cpu'])
  })

  it('tries a named provider alone before the CPU, and the CPU choice alone', () => {
    expect(names('linux', { kind: 'cuda' })).toEqual(['cuda', 'cpu'])
    expect(names('win32', { kind: 'directml' })).toEqual(['dml', 'cpu'])
    expect(names('darwin', { kind: 'coreml' })).toEqual(['coreml', 'cpu'])
    expect(names('win32', { kind: 'cpu', gpuIndex: 1 })).toEqual(['cpu'])
  })

  it('passes the GPU index as the deviceId of CUDA and DirectML', () => {
    expect(
      providerPlan('win32', { kind: 'auto', gpuIndex: 1 }, 'x64').map((a) => a.config)
    ).toEqual([{ name: 'cuda', deviceId: 1 }, { name: 'dml', deviceId: 1 }, { name: 'cpu' }])
    expect(providerPlan('linux', { kind: 'cuda' }, 'x64')[0]?.config).toEqual({ name: 'cuda' })
  })
})
