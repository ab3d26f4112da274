import { basename } from 'node:path'
import sharp from 'sharp'
import { GALLERY_THUMBNAIL_SIDE } from '../../shared/domain/gallery'
import { decodeError, readImageHeader } from '../engine/io/probe-image'

/** What transparent areas of a thumbnail show: the gallery's dark grey. */
export const THUMBNAIL_BACKDROP = '#2b2b2b'

/** JPEG quality of gallery thumbnails: small files, no visible blocking at 256 px. */
export const THUMBNAIL_QUALITY = 80

/**
 * A gallery thumbnail of a photo: upright (EXIF orientation applied), long side at most
 * GALLERY_THUMBNAIL_SIDE (never enlarged), sRGB, transparency flattened on THUMBNAIL_BACKDROP,
 * JPEG at THUMBNAIL_QUALITY without metadata (no GPS position in the cache). The header is
 * checked first, as the editor does on open, so a photo the editor would refuse (too large,
 * animated, HEVC HEIC) says so here, with the same error. All work runs on libvips' threads;
 * JPEGs shrink while they decode, so a 50 MP photo never exists at full size in memory.
 *
 * @throws LucidError FILE_NOT_FOUND, UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE or CORRUPT_IMAGE
 */
export async function makeThumbnail(path: string): Promise<Buffer> {
  const { decodeOptions } = await readImageHeader(path)
  try {
    return await sharp(path, decodeOptions)
      .autoOrient()
      .resize({
        width: GALLERY_THUMBNAIL_SIDE,
        height: GALLERY_THUMBNAIL_SIDE,
        fit: 'inside',
        withoutEnlargement: true
      })
      .flatten({ background: THUMBNAIL_BACKDROP })
      .jpeg({ quality: THUMBNAIL_QUALITY })
      .toBuffer()
  } catch (error) {
    throw decodeError(basename(path), error)
  }
}
