/**
 * A source's EXIF and XMP made safe to write beside pixels that are already upright: the
 * orientation they carry is reset to 1 ("top-left"), or every viewer would turn the exported
 * image a second time. Everything else is passed on as the source had it.
 */

const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1')
const TIFF_MAGIC = 42
const IFD_ENTRY_BYTES = 12
const ORIENTATION_TAG = 0x0112
const SHORT_TYPE = 3
const UPRIGHT = 1

/**
 * The TIFF-structured EXIF payload (what a PNG eXIf chunk holds: no JPEG "Exif\0\0" prefix)
 * with IFD0's Orientation set to 1. Returns a copy; the source buffer is left as it was.
 *
 * @returns undefined when `exif` does not start with a TIFF header, i.e. is not EXIF at all
 */
export function exifForExport(exif: Uint8Array): Buffer | undefined {
  let payload = Buffer.from(exif)
  if (payload.subarray(0, EXIF_PREFIX.length).equals(EXIF_PREFIX)) {
    payload = payload.subarray(EXIF_PREFIX.length)
  }
  const order = payload.toString('latin1', 0, 2)
  if (payload.length < 8 || (order !== 'II' && order !== 'MM')) return undefined
  const little = order === 'II'
  const u16 = (at: number): number => (little ? payload.readUInt16LE(at) : payload.readUInt16BE(at))
  const u32 = (at: number): number => (little ? payload.readUInt32LE(at) : payload.readUInt32BE(at))
  if (u16(2) !== TIFF_MAGIC) return undefined

  const ifd0 = u32(4)
  // A damaged IFD is passed on as is: libvips rebuilds what it cannot parse, upright.
  if (ifd0 + 2 > payload.length) return payload
  const entries = u16(ifd0)
  for (let i = 0; i < entries; i++) {
    const entry = ifd0 + 2 + i * IFD_ENTRY_BYTES
    if (entry + IFD_ENTRY_BYTES > payload.length) break
    if (u16(entry) !== ORIENTATION_TAG || u16(entry + 2) !== SHORT_TYPE) continue
    // A single SHORT sits in the first two bytes of the entry's value field.
    if (little) payload.writeUInt16LE(UPRIGHT, entry + 8)
    else payload.writeUInt16BE(UPRIGHT, entry + 8)
  }
  return payload
}

/**
 * The XMP packet as text, with any `tiff:Orientation` (attribute or element form) set to 1:
 * Lightroom, exiftool and others read orientation from XMP too.
 *
 * @returns undefined for an empty packet (sharp refuses to write one)
 */
export function xmpForExport(xmp: Uint8Array): string | undefined {
  const text = Buffer.from(xmp.buffer, xmp.byteOffset, xmp.byteLength).toString('utf8')
  if (text.replace(/\0/g, '').trim() === '') return undefined
  return text
    .replace(
      /(tiff:Orientation\s*=\s*["'])\s*\d+\s*(["'])/g,
      (_match, open: string, close: string) => `${open}${UPRIGHT}${close}`
    )
    .replace(
      /(<tiff:Orientation>)\s*\d+\s*(<\/tiff:Orientation>)/g,
      (_match, open: string, close: string) => `${open}${UPRIGHT}${close}`
    )
}
