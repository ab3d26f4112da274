import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modelJsonPath, samplePhoto } from '../catalog'
import { FIXTURES_DIR, REFERENCE_SIZE } from '../make-references'
import { targets } from '../targets'
import { decodeWeights, readTfjsArtifacts } from '../tfjs-artifacts'
import { convertGraph, INPUT_NAME, OUTPUT_NAME } from './graph-to-onnx'
import { tfOps } from './ops'

/**
 * Proof that each shipped MAXIM model is right, in two steps (TF.js runs MAXIM far too slowly to
 * compare at production size directly):
 * 1. the converter's unspecialised graph (dynamic shapes, nothing folded but constants) matches
 *    the TF.js reference on a real 64×64 crop within 1e-3 (reference outputs are committed
 *    fixtures from `npm run models:references`); so does a graph specialised to 64×64;
 * 2. the shipped production graph (resources/models, specialised to its tile) matches that
 *    unspecialised graph on a real production-size crop within 1e-5.
 */
const maxim = targets.filter((t) => t.source.format === 'graph')
const modelsDir = join(process.cwd(), 'resources', 'models')
const MINUTES = 60_000

async function fixture(id: string, kind: 'input' | 'output'): Promise<Float32Array> {
  const bytes = await readFile(join(FIXTURES_DIR, `${id}-${REFERENCE_SIZE}.${kind}.f32`))
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

async function run(
  session: ort.InferenceSession,
  data: Float32Array,
  h: number,
  w: number
): Promise<Float32Array> {
  const result = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', data, [1, h, w, 3]) })
  const out = result[OUTPUT_NAME]
  expect(out?.dims).toEqual([1, h, w, 3])
  return out?.data as Float32Array
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return max
}

/** A real crop of the package's sample photo at the model's production size, RGB 0..1. */
async function productionInput(photo: string, h: number, w: number): Promise<Float32Array> {
  const rgb = await sharp(photo).removeAlpha().resize(w, h, { fit: 'cover' }).raw().toBuffer()
  return Float32Array.from(rgb, (v) => v / 255)
}

describe.each(maxim.map((t) => [t.source.id, t] as const))('%s', (id, target) => {
  let unspecialised: ort.InferenceSession
  let weights: Awaited<ReturnType<typeof decodeWeights>>
  let json: Awaited<ReturnType<typeof readTfjsArtifacts>>['json']

  beforeAll(async () => {
    const artifacts = await readTfjsArtifacts(modelJsonPath(target.source))
    json = artifacts.json
    weights = decodeWeights(artifacts)
    const { model } = convertGraph(json, weights, {
      inputShape: [null, null, null, 3],
      foldShapes: false,
      ops: tfOps
    })
    unspecialised = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'basic' })
  }, 10 * MINUTES)

  afterAll(() => unspecialised.release())

  it('has a committed TF.js reference', () => {
    expect(existsSync(join(FIXTURES_DIR, `${id}-${REFERENCE_SIZE}.output.f32`))).toBe(true)
  })

  it(
    'unspecialised and 64×64-specialised graphs match TF.js within 1e-3',
    async () => {
      const input = await fixture(id, 'input')
      const expected = await fixture(id, 'output')
      expect(
        maxAbsDiff(await run(unspecialised, input, REFERENCE_SIZE, REFERENCE_SIZE), expected)
      ).toBeLessThan(1e-3)
      const { model } = convertGraph(json, weights, {
        inputShape: [1, REFERENCE_SIZE, REFERENCE_SIZE, 3],
        foldShapes: true,
        ops: tfOps
      })
      const specialised = await ort.InferenceSession.create(model)
      try {
        expect(
          maxAbsDiff(await run(specialised, input, REFERENCE_SIZE, REFERENCE_SIZE), expected)
        ).toBeLessThan(1e-3)
      } finally {
        await specialised.release()
      }
    },
    10 * MINUTES
  )

  it(
    'the shipped production graph matches the unspecialised graph within 1e-5',
    async () => {
      const [h = 0, w = 0] = target.inputSize ?? []
      const input = await productionInput(samplePhoto(target.source), h, w)
      const production = await ort.InferenceSession.create(join(modelsDir, target.file))
      try {
        const shipped = await run(production, input, h, w)
        expect(maxAbsDiff(shipped, await run(unspecialised, input, h, w))).toBeLessThan(1e-5)
      } finally {
        await production.release()
      }
    },
    10 * MINUTES
  )
})
