import exifReader from 'exif-reader'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { cameraJpeg, testXmp } from '../../testing/images'
import { exifForExport, xmpForExport } from './metadata-for-export'

/** A big-endian EXIF block by hand: IFD0 with Make "Abc" and Orientation 8. */
function bigEndianExif(): Buffer {
  const bytes = Buffer.alloc(8 + 2 + 2 * 12 + 4)
  bytes.write('MM', 0, 'latin1')
  bytes.writeUInt16BE(42, 2)
  bytes.writeUInt32BE(8, 4)
  bytes.writeUInt16BE(2, 8)
  // Make: ASCII, 4 bytes, stored in the value field itself.
  bytes.writeUInt16BE(0x010f, 10)
  bytes.writeUInt16BE(2, 12)
  bytes.writeUInt32BE(4, 14)
  bytes.write('Abc\0', 18, 'latin1')
  // Orientation: SHORT, 1 value.
  bytes.writeUInt16BE(0x0112, 22)
  bytes.writeUInt16BE(3, 24)
  bytes.writeUInt32BE(1, 26)
  bytes.writeUInt16BE(8, 30)
  return bytes
}

describe('exifForExport', () => {
  it('resets Orientation in a camera JPEG’s EXIF, drops the JPEG prefix, keeps the rest', async () => {
    const { exif } = await sharp(await cameraJpeg()).metadata()
    const original = Buffer.from(exif!)
    const payload = exifForExport(exif!)!
    expect(payload.toString('latin1', 0, 2)).toBe('II')
    const tags = exifReader(payload)
    expect(tags.Image?.Orientation).toBe(1)
    expect(tags.Image?.Make).toBe('Lucid Optics')
    expect(tags.GPSInfo?.GPSLatitudeRef).toBe('N')
    expect(exif).toEqual(original) // the source's buffer is not touched
    expect(exifReader(exif!).Image?.Orientation).toBe(6)
  })

  it('handles big-endian EXIF', () => {
    const tags = exifReader(exifForExport(bigEndianExif())!)
    expect(tags.bigEndian).toBe(true)
    expect(tags.Image?.Orientation).toBe(1)
    expect(tags.Image?.Make).toBe('Abc')
  })

  it('rejects what is not EXIF', () => {
    expect(exifForExport(Buffer.from('not exif at all'))).toBeUndefined()
    expect(exifForExport(Buffer.from('Exif\0\0XX*\0\0\0\0\x08', 'latin1'))).toBeUndefined()
    expect(exifForExport(new Uint8Array(0))).toBeUndefined()
  })
})

describe('xmpForExport', () => {
  it('resets tiff:Orientation in attribute and element form and keeps the rest', () => {
    const attribute = xmpForExport(Buffer.from(testXmp))!
    expect(attribute).toContain('tiff:Orientation="1"')
    expect(attribute).toContain('Ada Lovelace')
    const element = xmpForExport(Buffer.from('<x><tiff:Orientation> 8 </tiff:Orientation></x>'))
    expect(element).toBe('<x><tiff:Orientation>1</tiff:Orientation></x>')
  })

  it('gives nothing for an empty packet', () => {
    expect(xmpForExport(Buffer.from(' \n\0\0'))).toBeUndefined()
  })
})
