import type { InferenceSession } from 'onnxruntime-node'
import type { DeviceChoice, ProviderName } from '../../../shared/domain/restoration'

/** One entry of a provider plan: which provider, and the options onnxruntime-node takes for it. */
export interface ProviderAttempt {
  readonly provider: ProviderName
  readonly config: InferenceSession.ExecutionProviderConfig
}

/** How people read provider names in messages. */
export const providerLabels: Readonly<Record<ProviderName, string>> = {
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  cpu: 'CPU'
}

const CPU: ProviderAttempt = { provider: 'cpu', config: { name: 'cpu' } }

/**
 * The execution providers to try, best first, always ending with the CPU.
 *
 * `auto` takes the platform's GPU providers: CUDA on 64-bit Linux and Windows (present only in
 * a CUDA build of onnxruntime-node), DirectML on Windows, CoreML on macOS. A named provider is
 * tried alone before the CPU. `gpuIndex` becomes the providers' `deviceId` (CoreML has none).
 *
 * @param platform `process.platform` of the machine that will run the sessions
 * @param arch `process.arch`, default the current one (CUDA builds exist for x64 only)
 * @param installed when given, `auto` leaves out GPU providers not in it (installedProviders)
 */
export function providerPlan(
  platform: NodeJS.Platform,
  device: DeviceChoice,
  arch: string = process.arch,
  installed?: ReadonlySet<ProviderName>
): ProviderAttempt[] {
  const deviceId = device.gpuIndex === undefined ? {} : { deviceId: device.gpuIndex }
  const cuda: ProviderAttempt = { provider: 'cuda', config: { name: 'cuda', ...deviceId } }
  const dml: ProviderAttempt = { provider: 'dml', config: { name: 'dml', ...deviceId } }
  const coreml: ProviderAttempt = { provider: 'coreml', config: { name: 'coreml' } }
  switch (device.kind) {
    case 'cpu':
      return [CPU]
    case 'cuda':
      return [cuda, CPU]
    case 'directml':
      return [dml, CPU]
    case 'coreml':
      return [coreml, CPU]
    case 'auto': {
      const gpus: ProviderAttempt[] = []
      if ((platform === 'linux' || platform === 'win32') && arch === 'x64') gpus.push(cuda)
      if (platform === 'win32') gpus.push(dml)
      if (platform === 'darwin') gpus.push(coreml)
      return [...gpus.filter((gpu) => !installed || installed.has(gpu.provider)), CPU]
    }
  }
}

/** The CPU alone: the last resort after a GPU failure. */
export function cpuPlan(): ProviderAttempt[] {
  return [CPU]
}
