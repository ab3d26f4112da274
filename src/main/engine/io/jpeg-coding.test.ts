import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sharp } from 'sharp'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { withLyingSize } from '../../testing/fuzz/lying-headers'
import { tempDir } from '../../testing/images'
import { jpegIsHuffmanCoded } from './jpeg-coding'
import { readImageHeader } from './probe-image'

const photo = (): Sharp =>
  sharp({
    create: {
      width: 96,
      height: 64,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 }
    }
  })

describe('jpegIsHuffmanCoded', () => {
  it('finds the frame header of baseline and progressive files, past their metadata', async () => {
    const baseline = await photo()
      .jpeg()
      .withExif({ IFD0: { Copyright: 'x'.repeat(2000) } })
      .toBuffer()
    expect(jpegIsHuffmanCoded(baseline)).toBe(true)
    expect(jpegIsHuffmanCoded(await photo().jpeg({ progressive: true }).toBuffer())).toBe(true)
  })

  it('recognises arithmetic coding and answers null for what is not a readable JPEG', () => {
    const arithmetic = Buffer.from([0xff, 0xd8, 0xff, 0xc9, 0x00, 0x02, 0xff, 0xd9])
    expect(jpegIsHuffmanCoded(arithmetic)).toBe(false)
    expect(jpegIsHuffmanCoded(Buffer.from('not a jpeg'))).toBeNull()
    expect(jpegIsHuffmanCoded(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toBeNull()
    expect(jpegIsHuffmanCoded(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00]))).toBeNull()
  })
})

describe('a JPEG whose header claims more pixels than its bytes can hold', () => {
  it('is refused as corrupt before any pixel is decoded', async () => {
    const dir = await tempDir()
    for (const progressive of [false, true]) {
      const small = await photo().jpeg({ progressive }).toBuffer()
      const lied = withLyingSize(small, { width: 14_000, height: 14_000 }, (n) => n)
      expect(lied).toBeDefined()
      const path = join(dir, `lied-${String(progressive)}.jpg`)
      await writeFile(path, lied ?? Buffer.alloc(0))
      await expect(readImageHeader(path)).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' })
    }
  })

  it('lets a flat but honest JPEG through (a plain grey 4000×3000 frame)', async () => {
    const dir = await tempDir()
    const path = join(dir, 'grey.jpg')
    await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080' } })
      .jpeg({ quality: 1 })
      .toFile(path)
    expect((await readImageHeader(path)).info).toMatchObject({ width: 4000, height: 3000 })
  })
})
