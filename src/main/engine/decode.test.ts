import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LucidError } from '../../shared/ipc/errors'
import {
  animatedGif,
  encodeSixteenBit,
  pngBomb,
  sixteenBitSamples,
  tempDir,
  truncatedJpeg,
  writeFixture,
  writeLowContrastPng
} from '../testing/images'
import { decodeImage, probeImage } from './decode'

let dir: string

beforeAll(async () => {
  dir = await tempDir()
})

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as LucidError
  )
  expect(error.name).toBe('LucidError')
  expect(error.message.length).toBeGreaterThan(10)
  return error.code
}

describe('probeImage and decodeImage', () => {
  it('reads a PNG as RGB pixels with its dimensions', async () => {
    const path = await writeLowContrastPng(dir, 'ok.png', 40, 30)
    expect(await probeImage(path)).toMatchObject({
      width: 40,
      height: 30,
      format: 'png',
      hasAlpha: false
    })
    const image = await decodeImage(path)
    expect([image.width, image.height, image.channels, image.data.length]).toEqual([
      40,
      30,
      3,
      40 * 30 * 3
    ])
  })

  it('applies EXIF orientation, swapping width and height for a 90° rotation', async () => {
    const path = join(dir, 'rotated.jpg')
    await sharp({ create: { width: 40, height: 20, channels: 3, background: '#808080' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path)
    expect(await probeImage(path)).toMatchObject({ width: 20, height: 40 })
    const image = await decodeImage(path)
    expect([image.width, image.height]).toEqual([20, 40])
  })

  it('keeps alpha as a fourth channel', async () => {
    const path = join(dir, 'alpha.png')
    await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } }
    })
      .png()
      .toFile(path)
    const image = await decodeImage(path)
    expect(image.channels).toBe(4)
    expect(image.data[3]).toBe(128)
  })

  it('decodes a 16-bit PNG to 8 bits for callers that work in 8 bits', async () => {
    const samples = sixteenBitSamples(6, 2, 3)
    const path = await writeFixture(
      dir,
      'deep.png',
      await encodeSixteenBit(samples, 6, 2, 3, 'png')
    )
    expect(await probeImage(path)).toMatchObject({ width: 6, height: 2, channels: 3 })
    const image = await decodeImage(path)
    expect(image.bitDepth).toBe(8)
    expect(image.data).toBeInstanceOf(Uint8Array)
    expect(Array.from(image.data)).toEqual(Array.from(samples, (v) => v >> 8))
  })

  it('refuses a truncated JPEG as CORRUPT_IMAGE', async () => {
    const path = await writeFixture(dir, 'truncated.jpg', await truncatedJpeg())
    expect(await errorCodeOf(decodeImage(path))).toBe('CORRUPT_IMAGE')
  })

  it('refuses a header that claims 3.6 gigapixels as IMAGE_TOO_LARGE without decoding it', async () => {
    const path = await writeFixture(dir, 'bomb.png', pngBomb())
    expect(await errorCodeOf(probeImage(path))).toBe('IMAGE_TOO_LARGE')
    expect(await errorCodeOf(decodeImage(path))).toBe('IMAGE_TOO_LARGE')
  })

  it('refuses text, SVG and animated GIFs as UNSUPPORTED_FORMAT', async () => {
    const text = await writeFixture(dir, 'notes.jpg', 'this is not an image at all')
    const svg = await writeFixture(
      dir,
      'logo.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    )
    const gif = await writeFixture(dir, 'anim.gif', await animatedGif())
    expect(await errorCodeOf(probeImage(text))).toBe('UNSUPPORTED_FORMAT')
    expect(await errorCodeOf(probeImage(svg))).toBe('UNSUPPORTED_FORMAT')
    expect(await errorCodeOf(probeImage(gif))).toBe('UNSUPPORTED_FORMAT')
  })

  it('refuses a file larger than the size limit before reading it', async () => {
    const { truncate } = await import('node:fs/promises')
    const huge = await writeFixture(dir, 'huge.jpg', '')
    await truncate(huge, 600 * 1024 * 1024) // sparse: takes no disk space
    expect(await errorCodeOf(probeImage(huge))).toBe('IMAGE_TOO_LARGE')
  })

  it('refuses empty and missing files and folders', async () => {
    const empty = await writeFixture(dir, 'empty.png', '')
    expect(await errorCodeOf(probeImage(empty))).toBe('CORRUPT_IMAGE')
    expect(await errorCodeOf(probeImage(join(dir, 'missing.png')))).toBe('FILE_NOT_FOUND')
    expect(await errorCodeOf(probeImage(dir))).toBe('FILE_NOT_FOUND')
  })
})
