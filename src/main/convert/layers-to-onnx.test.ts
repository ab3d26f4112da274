import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { catalog, modelDefinition, modelJsonPath } from './catalog'
import { decodeWeights, readTfjsArtifacts } from './tfjs-artifacts'
import { loadReferenceModel } from './tfjs-reference'
import { hwioToOihw, convertLayersModel, INPUT_NAME, OUTPUT_NAME } from './layers-to-onnx'
import { seeded } from './graph/testing'
import { tensor } from './host-tensor'

/**
 * Parity of every converted ESRGAN model with the TF.js reference (UpscalerJS's own runtime
 * and custom layers), within 1e-4 on 0..1 values, on odd and even input sizes.
 */
const esrgan = catalog.filter((s) => s.format === 'layers')

describe('convertLayersModel', () => {
  it('covers all twelve ESRGAN models', () => {
    expect(esrgan.map((s) => s.id)).toHaveLength(12)
  })

  it.each(esrgan.map((s) => [s.id, s] as const))(
    '%s matches TF.js within 1e-4',
    async (_id, source) => {
      const artifacts = await readTfjsArtifacts(modelJsonPath(source))
      const { model } = convertLayersModel(artifacts.json, decodeWeights(artifacts), {
        sourceRange: source.range
      })
      const session = await ort.InferenceSession.create(model)
      const reference = await loadReferenceModel(artifacts, {
        setup: modelDefinition(source).setup as never
      })
      try {
        for (const [h, w, seed] of [
          [7, 9, 1],
          [8, 6, 2]
        ] as const) {
          const input = seeded([1, h, w, 3], seed, 0, 1)
          const data = input.data as Float32Array
          const expected = await reference.run(
            data.map((v) => v * source.range[1]),
            input.shape
          )
          const result = await session.run({
            [INPUT_NAME]: new ort.Tensor('float32', data, [1, h, w, 3])
          })
          const output = result[OUTPUT_NAME]
          expect(output?.dims).toEqual([1, h * source.scale, w * source.scale, 3])
          expect(expected.shape).toEqual([1, h * source.scale, w * source.scale, 3])
          const actual = output?.data as Float32Array
          let maxDiff = 0
          for (let i = 0; i < actual.length; i++) {
            maxDiff = Math.max(
              maxDiff,
              Math.abs((actual[i] ?? 0) - (expected.data[i] ?? 0) / source.range[1])
            )
          }
          expect(maxDiff).toBeLessThan(1e-4)
        }
      } finally {
        reference.dispose()
        await session.release()
      }
    }
  )
})

describe('hwioToOihw', () => {
  it('moves each weight to [out, in, kh, kw]', () => {
    // kh=1, kw=2, in=2, out=3: value = 1000*y + 100*x + 10*i + o
    const values: number[] = []
    for (let x = 0; x < 2; x++)
      for (let i = 0; i < 2; i++) for (let o = 0; o < 3; o++) values.push(100 * x + 10 * i + o)
    const out = hwioToOihw(tensor('float32', [1, 2, 2, 3], values))
    expect(out.shape).toEqual([3, 2, 1, 2])
    // [o=2][i=1][y=0][x=1] → 100 + 10 + 2
    expect((out.data as Float32Array)[((2 * 2 + 1) * 1 + 0) * 2 + 1]).toBe(112)
  })
})
