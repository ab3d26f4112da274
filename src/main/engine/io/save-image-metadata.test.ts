import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportFormats } from '../../../shared/domain/document'
import { cameraJpeg, exifTags, tempDir, writeFixture } from '../../testing/images'
import type { LoadedImage } from './load-image'
import { loadImage } from './load-image'
import { encodeForExport, formatCapabilities } from './save-image'

let dir: string
/** Sideways with EXIF Orientation 6, camera make and GPS in EXIF, creator in XMP. */
let camera: LoadedImage

beforeAll(async () => {
  dir = await tempDir('lucid-save-meta-')
  camera = await loadImage(await writeFixture(dir, 'camera.jpg', await cameraJpeg()))
})

describe('encodeForExport: metadata', () => {
  it.each(exportFormats)(
    '%s with keepMetadata carries the EXIF and XMP it can, upright',
    async (format) => {
      const file = await encodeForExport(camera.image, {
        format,
        colourProfile: 'srgb',
        keepMetadata: true,
        source: camera.source
      })
      const meta = await sharp(file).metadata()
      expect(Boolean(meta.exif)).toBe(formatCapabilities[format].exif)
      if (meta.exif) {
        const tags = await exifTags(file)
        expect(tags?.Image?.Make).toBe('Lucid Optics')
        expect(tags?.GPSInfo?.GPSLatitudeRef).toBe('N')
        expect(tags?.Image?.Orientation).toBe(1)
      }
      expect(meta.orientation ?? 1).toBe(1)
      const xmp = meta.xmp?.toString('utf8') ?? ''
      expect(xmp.includes('Ada Lovelace')).toBe(formatCapabilities[format].xmp)
      expect(xmp).not.toContain('tiff:Orientation="6"')
      // Reloaded, the upright pixels are not turned a second time.
      const reloaded = await loadImage(await writeFixture(dir, `upright.${format}`, file))
      expect([reloaded.image.width, reloaded.image.height]).toEqual([20, 40])
    }
  )

  it.each(exportFormats)('%s without keepMetadata carries no EXIF, XMP or GPS', async (format) => {
    const file = await encodeForExport(camera.image, {
      format,
      colourProfile: 'srgb',
      keepMetadata: false,
      source: camera.source
    })
    const meta = await sharp(file).metadata()
    expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined])
    expect(meta.icc).toBeDefined()
  })
})
