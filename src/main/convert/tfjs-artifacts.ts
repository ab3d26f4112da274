import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { DType, HostTensor } from './host-tensor'
import { sizeOf } from './host-tensor'

/** One entry of a TF.js weights manifest. */
export interface WeightSpec {
  readonly name: string
  readonly shape: readonly number[]
  readonly dtype: string
  readonly quantization?: unknown
}

interface WeightsManifestGroup {
  readonly paths: readonly string[]
  readonly weights: readonly WeightSpec[]
}

/** model.json as the TF.js converter writes it (layers or graph format). */
export interface TfjsModelJson {
  readonly format?: string
  readonly generatedBy?: string
  readonly convertedBy?: string
  readonly modelTopology: unknown
  readonly weightsManifest: readonly WeightsManifestGroup[]
  readonly signature?: unknown
}

export interface TfjsArtifacts {
  readonly json: TfjsModelJson
  readonly weightSpecs: readonly WeightSpec[]
  /** All shards concatenated, in manifest order (the layout TF.js expects). */
  readonly weightData: ArrayBuffer
}

/** Reads model.json and its weight shards. */
export async function readTfjsArtifacts(modelJsonPath: string): Promise<TfjsArtifacts> {
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as TfjsModelJson
  const dir = dirname(modelJsonPath)
  const shards: Buffer[] = []
  for (const group of json.weightsManifest) {
    for (const path of group.paths) shards.push(await readFile(join(dir, path)))
  }
  const all = Buffer.concat(shards)
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)
  return { json, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }
}

const bytesPerElement: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 }

/**
 * Splits the concatenated weight data into named tensors.
 *
 * @throws Error for quantized weights or dtypes we do not read (none occur in our models)
 */
export function decodeWeights(artifacts: TfjsArtifacts): Map<string, HostTensor> {
  const weights = new Map<string, HostTensor>()
  let offset = 0
  for (const spec of artifacts.weightSpecs) {
    if (spec.quantization) throw new Error(`Weight ${spec.name} is quantized; not supported`)
    const width = bytesPerElement[spec.dtype]
    if (!width) throw new Error(`Weight ${spec.name} has unsupported dtype ${spec.dtype}`)
    const size = sizeOf(spec.shape)
    const bytes = artifacts.weightData.slice(offset, offset + size * width)
    offset += size * width
    const dtype = spec.dtype as DType
    const data =
      dtype === 'float32'
        ? new Float32Array(bytes)
        : dtype === 'int32'
          ? new Int32Array(bytes)
          : new Uint8Array(bytes)
    weights.set(spec.name, { dtype, shape: [...spec.shape], data })
  }
  if (offset !== artifacts.weightData.byteLength) {
    throw new Error(
      `Weight manifest covers ${offset} bytes but the shards hold ${artifacts.weightData.byteLength}`
    )
  }
  return weights
}
