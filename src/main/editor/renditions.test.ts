import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '../engine/raw-image'
import { encodePreview, encodeRegion, encodeThumb } from './renditions'

const image = (bitDepth: 8 | 16, channels: 3 | 4 = 3): RawImage => {
  const samples = 300 * 200 * channels
  const data = bitDepth === 8 ? new Uint8Array(samples) : new Uint16Array(samples)
  data.fill(bitDepth === 8 ? 200 : 50_000)
  return { data, width: 300, height: 200, channels, bitDepth }
}

describe('renditions', () => {
  it('encodes previews of 8- and 16-bit results as 8-bit JPEG, PNG with alpha', async () => {
    for (const bitDepth of [8, 16] as const) {
      const preview = await encodePreview(image(bitDepth))
      expect(preview.contentType).toBe('image/jpeg')
      const meta = await sharp(preview.data).metadata()
      expect(meta).toMatchObject({ width: 300, height: 200, depth: 'uchar' })
    }
    expect((await encodePreview(image(8, 4))).contentType).toBe('image/png')
  })

  it('crops a region at full resolution and resamples it to the asked size', async () => {
    const region = await encodeRegion(image(16), { x: 250, y: 150, width: 100, height: 100 }, 400)
    // Clipped to 50×50 inside the image, then scaled up to 400 on the long side.
    expect(await sharp(region.data).metadata()).toMatchObject({ width: 400, height: 400 })
    await expect(
      encodeRegion(image(8), { x: 400, y: 0, width: 10, height: 10 }, 100)
    ).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })

  it('makes 128-pixel thumbnails', async () => {
    const thumb = await encodeThumb(image(8))
    expect(await sharp(thumb).metadata()).toMatchObject({ width: 128, height: 85, format: 'png' })
  })
})
