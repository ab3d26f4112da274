// The UpscalerJS child: loads one model through UpscalerJS's own `Upscaler` class on TF.js,
// runs one input and reports the inference time. A child process, so the parent can kill a run
// that outlasts its time limit (MAXIM on pure-JS TF.js takes tens of minutes). Bundled to
// CommonJS (out/tools/upscalerjs-child.cjs, or on the fly by the tests).
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { Tensor3D } from '@tensorflow/tfjs'
import sharp from 'sharp'
import type { ChildRequest } from './protocol'
import { readChildRequest, sendToParent } from './protocol'
import type { UpscalerJsModelDefinition, UpscalerRuntime } from './upscaler-runtime'
import { loadUpscalerRuntime } from './upscaler-runtime'

async function main(): Promise<void> {
  const request = readChildRequest()
  const runtime = await loadUpscalerRuntime(request.backend)
  const upscaler = new runtime.Upscaler({ model: modelDefinition(runtime, request) })
  await upscaler.ready
  if (request.warmupSize !== undefined) await upscaler.warmup([request.warmupSize])
  const input = await readInput(runtime, request.inputPng)

  await sendToParent({ type: 'inferring' })
  const started = performance.now()
  // No patchSize: UpscalerJS's default, the whole image in one model call, as Lucid's bench
  // compares (Lucid tiles inside its own engine).
  const output = await upscaler.execute(input, { output: 'tensor' })
  const seconds = (performance.now() - started) / 1000

  await sendToParent({
    type: 'done',
    seconds,
    outputShape: [...output.shape],
    runtime: runtime.description
  })
}

/**
 * The package's own model definition, with `path` set to its model.json on disk as a
 * `file://` URL: what UpscalerJS's Node build computes. Without a path the browser build would
 * fetch the model from a CDN, and Lucid opens no connection.
 */
function modelDefinition(
  runtime: UpscalerRuntime,
  request: ChildRequest
): UpscalerJsModelDefinition {
  const { source } = request
  const definition = runtime.requireModule(source.definition) as UpscalerJsModelDefinition
  if (definition._internals?.path !== source.modelJson) {
    throw new Error(
      `Expected ${source.definition} to describe ${source.modelJson} but it names ${definition._internals?.path}`
    )
  }
  const modelJsonPath = join(runtime.packageDir(source.package), source.modelJson)
  return { ...definition, path: pathToFileURL(modelJsonPath).href }
}

/** The PNG as an int32 [height, width, 3] tensor, as UpscalerJS's browser image loader makes. */
async function readInput(runtime: UpscalerRuntime, inputPng: string): Promise<Tensor3D> {
  const { data, info } = await sharp(inputPng)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  if (info.channels !== 3)
    throw new Error(`Expected 3 channels for ${inputPng} but decoded ${info.channels}`)
  return runtime.tf.tensor3d(Int32Array.from(data), [info.height, info.width, 3], 'int32')
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  await sendToParent({ type: 'failed', message }).catch(() => undefined)
  process.exitCode = 1
})
