import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { isPhotoName, scanFolder } from './folder-scan'

const posixOnly = it.skipIf(process.platform === 'win32')

describe('isPhotoName', () => {
  it('takes photo extensions in any case and leaves hidden files out', () => {
    for (const name of ['a.jpg', 'b.JPEG', 'c.Png', 'd.webp', 'e.tif', 'f.TIFF', 'g.avif']) {
      expect(isPhotoName(name), name).toBe(true)
    }
    for (const name of ['h.gif', 'i.heic', 'j.HEIF']) expect(isPhotoName(name), name).toBe(true)
    for (const name of ['notes.txt', 'jpg', 'photo.jpg.part', '.hidden.jpg', '._IMG_1.JPG']) {
      expect(isPhotoName(name), name).toBe(false)
    }
  })
})

describe('scanFolder', () => {
  it('lists photos only, in natural order, with size and modification time', async () => {
    const dir = await tempDir()
    const files: Record<string, string> = {
      'IMG_10.jpg': 'ten!',
      'IMG_2.JPG': 'two',
      'img_1.png': 'o',
      'b.webp': '',
      'notes.txt': 'not a photo',
      '.secret.jpg': 'hidden'
    }
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    await mkdir(join(dir, 'folder.jpg'))
    await mkdir(join(dir, 'nested'))
    await writeFile(join(dir, 'nested', 'inner.jpg'), 'deeper')
    const when = new Date('2024-05-06T07:08:09Z')
    await utimes(join(dir, 'IMG_10.jpg'), when, when)

    const scan = await scanFolder(dir)

    expect(scan.photos.map((p) => p.name)).toEqual([
      'b.webp',
      'img_1.png',
      'IMG_2.JPG',
      'IMG_10.jpg'
    ])
    expect(scan.skipped).toBe(0)
    const ten = scan.photos.find((p) => p.name === 'IMG_10.jpg')
    expect(ten).toMatchObject({ path: join(dir, 'IMG_10.jpg'), bytes: 4, mtimeMs: when.getTime() })
  })

  posixOnly('follows links to files and counts broken or folder links as skipped', async () => {
    const outside = await tempDir()
    const dir = await tempDir()
    await writeFile(join(outside, 'elsewhere.jpg'), 'pixels')
    await symlink(join(outside, 'elsewhere.jpg'), join(dir, 'linked.jpg'))
    await symlink(join(outside, 'gone.jpg'), join(dir, 'dangling.jpg'))
    await symlink(outside, join(dir, 'folder-link.jpg'))
    await symlink(join(outside, 'elsewhere.jpg'), join(dir, 'link.txt'))

    const scan = await scanFolder(dir)

    expect(scan.photos).toEqual([
      expect.objectContaining({ name: 'linked.jpg', path: join(dir, 'linked.jpg'), bytes: 6 })
    ])
    expect(scan.skipped).toBe(2)
  })

  it('scans a folder of 5,000 photos', async () => {
    const dir = await tempDir()
    const names = Array.from({ length: 5000 }, (_, i) => `IMG_${i + 1}.jpg`)
    for (let i = 0; i < names.length; i += 500) {
      await Promise.all(names.slice(i, i + 500).map((name) => writeFile(join(dir, name), '')))
    }

    const scan = await scanFolder(dir)

    expect(scan.photos).toHaveLength(5000)
    expect(scan.photos[1]?.name).toBe('IMG_2.jpg')
    expect(scan.photos[4999]?.name).toBe('IMG_5000.jpg')
  })

  it('says FILE_NOT_FOUND for a missing folder and INVALID_ARGUMENT for a file', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'photo.jpg'), 'x')
    await expect(scanFolder(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND'
    })
    await expect(scanFolder(join(dir, 'photo.jpg'))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'photo.jpg is not a folder'
    })
  })
})
