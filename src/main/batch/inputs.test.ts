import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { expandInputs, isPhotoName } from './inputs'

describe('expandInputs', () => {
  it('expands folders to the photos directly in them, sorted, and keeps files as given', async () => {
    const dir = await tempDir()
    const trip = join(dir, 'trip')
    await mkdir(join(trip, 'nested.jpg'), { recursive: true })
    for (const name of ['b.JPG', 'a.png', 'notes.txt', 'c.heic', '.DS_Store']) {
      await writeFile(join(trip, name), 'x')
    }
    const loose = join(dir, 'odd.bmp')
    await writeFile(loose, 'x')
    expect(await expandInputs([trip, loose, join(trip, 'a.png')])).toEqual([
      join(trip, 'a.png'),
      join(trip, 'b.JPG'),
      join(trip, 'c.heic'),
      loose
    ])
  })

  it('resolves relative paths and keeps a missing file, to report it', async () => {
    expect(await expandInputs(['missing.png'])).toEqual([join(process.cwd(), 'missing.png')])
  })
})

describe('isPhotoName', () => {
  it('knows the photo extensions in any case', () => {
    expect(isPhotoName('IMG_1.JPEG')).toBe(true)
    expect(isPhotoName('scan.tiff')).toBe(true)
    expect(isPhotoName('notes.txt')).toBe(false)
    expect(isPhotoName('jpg')).toBe(false)
  })
})
