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

  it('leaves GPU providers that are not installed out of auto, but tries a named one', () => {
    const cpuOnly = new Set(['cpu'] as const)
    const plan = (device: { kind: 'auto' | 'cuda' }): string[] =>
      providerPlan('linux', device, 'x64', cpuOnly).map((a) => a.provider)
    expect(plan({ kind: 'auto' })).toEqual(['cpu'])
    expect(plan({ kind: 'cuda' })).toEqual(['cuda', 'cpu'])
    const withDml = new Set(['cpu', 'dml'] as const)
    expect(providerPlan('win32', { kind: 'auto' }, 'x64', withDml).map((a) => a.provider)).toEqual([
      'dml',
      'cpu'
    ])
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
