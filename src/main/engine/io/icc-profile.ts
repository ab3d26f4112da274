import sharp from 'sharp'

/**
 * Reading just enough of an ICC profile (ICC.1:2022, §7) to name it and to know which colour
 * space it describes; the colour conversions themselves are libvips' (lcms) job.
 */

const HEADER_BYTES = 128
const TAG_ENTRY_BYTES = 12

/** The profile's colour space signature, trimmed: 'RGB', 'GRAY', 'CMYK', 'Lab'…; undefined if it is not a profile. */
export function iccColourSpace(icc: Uint8Array): string | undefined {
  const bytes = Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength)
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 36, 40) !== 'acsp') return undefined
  return bytes.toString('latin1', 16, 20).trim()
}

/**
 * The profile's description ('desc' tag) as people see it in other apps, e.g. "Display P3".
 * Reads v2 `desc` (ASCII) and v4 `mluc` (UTF-16, English record preferred).
 *
 * @returns undefined when the profile has no readable description; never throws
 */
export function iccProfileName(icc: Uint8Array): string | undefined {
  const bytes = Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength)
  if (iccColourSpace(bytes) === undefined || bytes.length < HEADER_BYTES + 4) return undefined
  const tagCount = bytes.readUInt32BE(HEADER_BYTES)
  for (let i = 0; i < tagCount; i++) {
    const entry = HEADER_BYTES + 4 + i * TAG_ENTRY_BYTES
    if (entry + TAG_ENTRY_BYTES > bytes.length) return undefined
    if (bytes.toString('latin1', entry, entry + 4) !== 'desc') continue
    const offset = bytes.readUInt32BE(entry + 4)
    const size = bytes.readUInt32BE(entry + 8)
    if (offset + size > bytes.length || size < 12) return undefined
    return cleanName(descriptionText(bytes.subarray(offset, offset + size)))
  }
  return undefined
}

function descriptionText(tag: Buffer): string | undefined {
  const type = tag.toString('latin1', 0, 4)
  if (type === 'desc') {
    // textDescriptionType: uint32 ASCII length (with its NUL), then the ASCII.
    const length = tag.readUInt32BE(8)
    return 12 + length <= tag.length ? tag.toString('latin1', 12, 12 + length) : undefined
  }
  if (type === 'mluc' && tag.length >= 16) {
    // multiLocalizedUnicodeType: records of (language, country, length, offset) over UTF-16BE.
    const records = tag.readUInt32BE(8)
    const recordSize = tag.readUInt32BE(12)
    let chosen: { length: number; offset: number } | undefined
    for (let r = 0; r < records; r++) {
      const at = 16 + r * recordSize
      if (at + 12 > tag.length) break
      const record = { length: tag.readUInt32BE(at + 4), offset: tag.readUInt32BE(at + 8) }
      if (!chosen || tag.toString('latin1', at, at + 2) === 'en') chosen = record
      if (tag.toString('latin1', at, at + 2) === 'en') break
    }
    if (!chosen || chosen.offset + chosen.length > tag.length) return undefined
    return utf16be(tag.subarray(chosen.offset, chosen.offset + chosen.length))
  }
  return undefined
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)))
  return swapped.swap16().toString('utf16le')
}

function cleanName(text: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- profiles pad their strings with NULs
  const name = text?.replace(/\u0000+$/u, '').trim()
  return name ? name : undefined
}

let srgbProfileBytes: Promise<Buffer> | undefined

/**
 * The bytes of libvips' built-in sRGB profile, the one sharp embeds for `withIccProfile('srgb')`:
 * what we write into files whose pixels are sRGB.
 */
export function srgbProfile(): Promise<Buffer> {
  srgbProfileBytes ??= readBuiltInProfile('srgb').catch((error: unknown) => {
    srgbProfileBytes = undefined // let a later export try again
    throw error
  })
  return srgbProfileBytes
}

async function readBuiltInProfile(name: 'srgb'): Promise<Buffer> {
  const carrier = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .withIccProfile(name)
    .png()
    .toBuffer()
  const { icc } = await sharp(carrier).metadata()
  if (!icc) throw new Error(`sharp did not embed its built-in ${name} profile`)
  return icc
}
