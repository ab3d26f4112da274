import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { listSupportedBackends } from 'onnxruntime-node'
import type { ProviderName } from '../../../shared/domain/restoration'

/** The CUDA provider's library, which onnxruntime-node installs only on request (setup:cuda). */
const CUDA_LIBRARY: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'libonnxruntime_providers_cuda.so',
  win32: 'onnxruntime_providers_cuda.dll'
}

/**
 * The execution providers this installation of onnxruntime-node can load: those bundled with
 * its binding, and CUDA when its provider library has been installed beside the binding.
 * Probing CUDA by creating a session would cost a second and print an onnxruntime error line
 * on every machine without it; `auto` skips providers that are not installed (a provider the
 * person names is still tried, and its failure reported).
 */
export function installedProviders(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch
): ReadonlySet<ProviderName> {
  const installed = new Set<ProviderName>(['cpu'])
  const names: Record<string, ProviderName> = { cuda: 'cuda', dml: 'dml', coreml: 'coreml' }
  for (const backend of listSupportedBackends()) {
    const name = names[backend.name]
    if (name && backend.bundled) installed.add(name)
  }
  const cudaLibrary = CUDA_LIBRARY[platform]
  if (cudaLibrary && existsSync(join(bindingDir(platform, arch), cudaLibrary))) {
    installed.add('cuda')
  }
  return installed
}

/** Where onnxruntime-node keeps its native binding for a platform. */
function bindingDir(platform: NodeJS.Platform, arch: string): string {
  const entry = createRequire(__filename).resolve('onnxruntime-node')
  return join(dirname(entry), '..', 'bin', 'napi-v6', platform, arch)
}
