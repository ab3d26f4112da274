import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeEach, describe, expect, it } from 'vitest'
import { tempDir, writeLowContrastPng } from '../testing/images'
import { decodeImage } from './decode'
import { formatForPath } from './encode'
import { exportImage } from './export-image'
import type { RawImage } from './raw-image'

let dir: string
let original: string
let image: RawImage

beforeEach(async () => {
  dir = await tempDir()
  original = await writeLowContrastPng(dir, 'original.png')
  image = await decodeImage(original)
})

describe('exportImage', () => {
  it('writes each format with the right dimensions and leaves no temporary file', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'tiff', 'avif'] as const) {
      const target = join(dir, `out.${format}`)
      const result = await exportImage({
        image,
        target,
        format,
        quality: 80,
        protectedPaths: [original]
      })
      const meta = await sharp(target).metadata()
      expect([meta.width, meta.height]).toEqual([96, 64])
      expect(result).toMatchObject({ path: target, format, width: 96, height: 64 })
      expect(result.bytes).toBe((await readFile(target)).length)
    }
    expect((await readdir(dir)).sort()).toEqual(
      ['original.png', 'out.avif', 'out.jpeg', 'out.png', 'out.tiff', 'out.webp'].sort()
    )
  })

  it('writes PNG losslessly', async () => {
    const target = join(dir, 'copy.png')
    await exportImage({ image, target, format: 'png', quality: 90, protectedPaths: [] })
    expect((await decodeImage(target)).data).toEqual(image.data)
  })

  it('refuses to overwrite an original, also through a symlink, and leaves it untouched', async () => {
    const before = await readFile(original)
    const link = join(dir, 'link.png')
    await symlink(original, link)
    for (const target of [original, link, join(dir, '.', 'original.png')]) {
      await expect(
        exportImage({ image, target, format: 'png', quality: 90, protectedPaths: [original] })
      ).rejects.toMatchObject({ code: 'WOULD_OVERWRITE_ORIGINAL' })
    }
    expect((await readFile(original)).equals(before)).toBe(true)
  })

  it('reports WRITE_FAILED for a missing folder and writes nothing', async () => {
    const target = join(dir, 'no-such-folder', 'out.png')
    await expect(
      exportImage({ image, target, format: 'png', quality: 90, protectedPaths: [] })
    ).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringContaining('folder does not exist') as string
    })
  })

  it('replaces an existing (non-original) file atomically', async () => {
    const target = join(dir, 'existing.png')
    await writeFile(target, 'old contents')
    await exportImage({ image, target, format: 'png', quality: 90, protectedPaths: [original] })
    expect((await sharp(target).metadata()).format).toBe('png')
  })

  it('reports progress up to 1', async () => {
    const seen: number[] = []
    await mkdir(join(dir, 'p'))
    await exportImage({
      image,
      target: join(dir, 'p', 'x.png'),
      format: 'png',
      quality: 90,
      protectedPaths: [],
      onProgress: (f) => seen.push(f)
    })
    expect(seen.at(-1)).toBe(1)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })
})

describe('formatForPath', () => {
  it('maps extensions case-insensitively', () => {
    expect(formatForPath('/a/b.JPG')).toBe('jpeg')
    expect(formatForPath('/a/b.tif')).toBe('tiff')
    expect(formatForPath('/a/b.avif')).toBe('avif')
    expect(formatForPath('/a/b.bmp')).toBeUndefined()
    expect(formatForPath('/a/noext')).toBeUndefined()
  })
})
