import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

/** An export known to be whole: its bytes and a hash of its decoded pixels. */
export interface ExportReference {
  readonly bytes: Buffer
  readonly pixels: string
}

/**
 * What a file under an export's name is: `complete` (the reference's bytes), `different` (a
 * whole image, other pixels), or `partial` (cut short or otherwise undecodable).
 */
export type ExportVerdict = 'complete' | 'different' | 'partial'

/** Temporary files as write-file-atomic (`.<digits>`) and the result cache (`.tmp`) name them. */
const TEMP_NAME = /\.(?:\d+|tmp)$/

export async function exportReference(path: string): Promise<ExportReference> {
  const bytes = await readFile(path)
  return { bytes, pixels: await pixelHash(bytes) }
}

/**
 * Judges the file at `path` against the reference. Bytes equal to the reference's are
 * complete; anything else is decoded in full (sharp fails on a truncated PNG or TIFF), so a
 * re-encoding with the same pixels would also pass.
 */
export async function checkExport(
  path: string,
  reference: ExportReference
): Promise<ExportVerdict> {
  const bytes = await readFile(path)
  if (bytes.equals(reference.bytes)) return 'complete'
  try {
    return (await pixelHash(bytes)) === reference.pixels ? 'complete' : 'different'
  } catch {
    return 'partial'
  }
}

/** Temporary-looking files anywhere under `dir` (leftovers after a crash). */
export async function tempFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = []
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  for (const entry of entries) {
    if (entry.isFile() && TEMP_NAME.test(entry.name)) found.push(join(entry.parentPath, entry.name))
  }
  return found
}

/** Whether a file name is a temporary file's. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name)
}

async function pixelHash(bytes: Buffer): Promise<string> {
  // failOn 'truncated': a cut-short file must fail, not decode with its tail filled in.
  const raw = await sharp(bytes, { failOn: 'truncated', limitInputPixels: false }).raw().toBuffer()
  return createHash('sha256').update(raw).digest('hex')
}
