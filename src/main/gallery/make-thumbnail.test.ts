import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { cameraJpeg, pngBomb, tempDir, truncatedJpeg, writeFixture } from '../testing/images'
import { makeThumbnail } from './make-thumbnail'

const fixture = join('node_modules', '@upscalerjs', 'maxim-enhancement', 'assets', 'fixture.png')

async function pixel(jpeg: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  const i = (y * info.width + x) * info.channels
  return [...data.subarray(i, i + 3)]
}

describe('makeThumbnail', () => {
  it('makes a JPEG whose long side is 256 from a larger photo', async () => {
    const dir = await tempDir()
    const wide = await writeFixture(
      dir,
      'wide.png',
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#468' } })
        .png()
        .toBuffer()
    )
    const thumb = await sharp(await makeThumbnail(wide)).metadata()
    expect(thumb).toMatchObject({ format: 'jpeg', width: 256, height: 171 })
  })

  it('shrinks a real photo and flattens its alpha onto dark grey', async () => {
    const meta = await sharp(await makeThumbnail(fixture)).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 256, height: 256, hasAlpha: false })

    const dir = await tempDir()
    const clear = await writeFixture(
      dir,
      'clear.png',
      await sharp({ create: { width: 64, height: 32, channels: 4, background: '#ff000000' } })
        .png()
        .toBuffer()
    )
    const [r = 0, g = 0, b = 0] = await pixel(await makeThumbnail(clear), 10, 10)
    for (const value of [r, g, b]) expect(Math.abs(value - 0x2b)).toBeLessThanOrEqual(3)
  })

  it('never enlarges, and applies the EXIF orientation', async () => {
    const dir = await tempDir()
    // Stored 40×20, left half red, with orientation 6: upright it is 20×40, red on top.
    const path = await writeFixture(dir, 'camera.jpg', await cameraJpeg())
    const jpeg = await makeThumbnail(path)
    const meta = await sharp(jpeg).metadata()
    expect(meta).toMatchObject({ width: 20, height: 40 })
    expect(meta.orientation ?? 1).toBe(1)
    expect(meta.exif).toBeUndefined()
    const [topRed = 0, , topBlue = 0] = await pixel(jpeg, 10, 5)
    const [bottomRed = 0, , bottomBlue = 0] = await pixel(jpeg, 10, 34)
    expect(topRed).toBeGreaterThan(150)
    expect(topBlue).toBeLessThan(80)
    expect(bottomBlue).toBeGreaterThan(150)
    expect(bottomRed).toBeLessThan(80)
  })

  it('gives typed errors for damaged, hostile and foreign files', async () => {
    const dir = await tempDir()
    const cases: [string, Buffer | string, string][] = [
      ['cut.jpg', await truncatedJpeg(), 'CORRUPT_IMAGE'],
      ['bomb.png', pngBomb(), 'IMAGE_TOO_LARGE'],
      ['text.jpg', 'just some words, not a photo', 'UNSUPPORTED_FORMAT'],
      ['empty.jpg', '', 'CORRUPT_IMAGE']
    ]
    for (const [name, data, code] of cases) {
      const path = await writeFixture(dir, name, data)
      await expect(makeThumbnail(path), name).rejects.toMatchObject({ name: 'LucidError', code })
    }
    await expect(makeThumbnail(join(dir, 'missing.jpg'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND'
    })
  })
})
