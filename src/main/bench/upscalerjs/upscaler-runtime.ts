import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { registerFileLoadRouter } from './file-load-router'
import type { TfjsBackendName } from './protocol'

/** The part of UpscalerJS's model definition this bench reads or sets. */
export interface UpscalerJsModelDefinition {
  readonly scale?: number
  readonly path?: string
  readonly modelType?: 'layers' | 'graph'
  readonly _internals?: { readonly path: string; readonly name: string; readonly version: string }
}

/** The part of UpscalerJS's `Upscaler` class this bench uses (see upscaler's shared/upscaler.js). */
export interface UpscalerInstance {
  readonly ready: Promise<void>
  execute(
    image: tf.Tensor3D,
    options: { output: 'tensor'; patchSize?: number; padding?: number }
  ): Promise<tf.Tensor3D>
  warmup(sizes: readonly number[]): Promise<void>
  dispose(): Promise<void>
}

export type UpscalerClass = new (options: { model: UpscalerJsModelDefinition }) => UpscalerInstance

export interface UpscalerRuntime {
  readonly Upscaler: UpscalerClass
  readonly tf: typeof tf
  /** Requires a module (a model definition) from the repository's node_modules. */
  readonly requireModule: (specifier: string) => unknown
  /** Finds an installed package's folder (for its model files). */
  readonly packageDir: (name: string) => string
  /** Which builds and backend binary run, in words. */
  readonly description: string
}

/** The browser UMD build: the `.` export is ESM with extensionless imports Node cannot load. */
const UPSCALER_UMD = join('upscaler', 'dist', 'browser', 'umd', 'upscaler.js')

/**
 * Loads UpscalerJS's browser build on pure `@tensorflow/tfjs` with the chosen backend. Its
 * `./node` export needs tfjs-node, which cannot be installed here; the browser build runs
 * unchanged in Node once models load from `file://` URLs (registerFileLoadRouter) and input
 * and output are tensors (so no DOM image or canvas is touched).
 */
export async function loadUpscalerRuntime(backend: TfjsBackendName): Promise<UpscalerRuntime> {
  const require = createRequire(__filename)
  const findInNodeModules = (relative: string): string => {
    const found = (require.resolve.paths(relative) ?? [])
      .map((dir) => join(dir, relative))
      .find((path) => existsSync(path))
    if (!found) throw new Error(`Expected ${relative} in a node_modules folder but found none`)
    return found
  }
  registerFileLoadRouter(tf)
  const binary = await selectBackend(backend, require)
  // The UMD build requires @tensorflow/tfjs from node_modules: the same instance as ours.
  const Upscaler = require(findInNodeModules(UPSCALER_UMD)) as UpscalerClass
  const upscalerVersion = (
    require(findInNodeModules(join('upscaler', 'package.json'))) as { version: string }
  ).version
  return {
    Upscaler,
    tf,
    requireModule: (specifier) => require(specifier) as unknown,
    packageDir: (name) => dirname(findInNodeModules(join(name, 'package.json'))),
    description:
      `upscaler ${upscalerVersion} (browser UMD build) on @tensorflow/tfjs ${tf.version.tfjs}, ` +
      `backend ${tf.getBackend()}${binary ? ` (${binary})` : ''}`
  }
}

/** Sets the backend; for WASM, says which binary TF.js picked and how many threads it has. */
async function selectBackend(backend: TfjsBackendName, require: NodeJS.Require): Promise<string> {
  if (backend === 'wasm') {
    // A bundle's own folder holds no .wasm files: point TF.js at the package's dist folder.
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`)
  }
  if (!(await tf.setBackend(backend)))
    throw new Error(`TF.js could not start its ${backend} backend`)
  await tf.ready()
  if (backend === 'cpu') return 'pure JavaScript, 1 thread'
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')
  // TF.js turns WASM threads off under Node (tfjs issue #3830), whatever the platform supports.
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')
  const file = simd
    ? threads
      ? 'tfjs-backend-wasm-threaded-simd.wasm'
      : 'tfjs-backend-wasm-simd.wasm'
    : 'tfjs-backend-wasm.wasm'
  return `${file}, ${threads ? 'multi-threaded' : '1 thread'}`
}
