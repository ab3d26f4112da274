import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import type { RawImage } from '../engine/raw-image'
import { journalWrite } from '../engine/temp-journal'

/**
 * Lucid's cache file for decoded pixels: a 32-byte header (magic, version, width, height,
 * channels, bit depth) and the samples as they lie in memory. No encoding, so a 24-megapixel
 * result is written and read back at disk speed. The samples are in the machine's byte order:
 * the files never leave the machine that wrote them.
 */
const MAGIC = 'LUCIDRAW'
const VERSION = 1
const HEADER_BYTES = 32

/**
 * Writes pixels to `path` through a temporary file and a rename, so a reader never sees half a
 * file. Not fsynced: after a crash a cache file may be lost or short, and readRawFile then
 * treats it as absent.
 *
 * @returns the file's size in bytes
 */
export async function writeRawFile(path: string, image: RawImage): Promise<number> {
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(MAGIC, 0, 'latin1')
  header.writeUInt32LE(VERSION, 8)
  header.writeUInt32LE(image.width, 12)
  header.writeUInt32LE(image.height, 16)
  header.writeUInt8(image.channels, 20)
  header.writeUInt8(image.bitDepth, 21)
  const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  // Journaled (see temp-journal.ts) so that a kill -9 mid-write leaves no orphan for good.
  const journaled = journalWrite(path)
  journaled.tempCreated(temporary)
  try {
    const file = await open(temporary, 'w')
    try {
      await file.writev([header, data])
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  } finally {
    journaled.end()
  }
  return HEADER_BYTES + data.byteLength
}

/** Reads a file writeRawFile wrote; null when it is missing, short or not one. */
export async function readRawFile(path: string): Promise<RawImage | null> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    return null
  }
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 8) !== MAGIC) return null
  if (bytes.readUInt32LE(8) !== VERSION) return null
  const width = bytes.readUInt32LE(12)
  const height = bytes.readUInt32LE(16)
  const channels = bytes.readUInt8(20)
  const bitDepth = bytes.readUInt8(21)
  if (channels < 1 || channels > 4 || (bitDepth !== 8 && bitDepth !== 16)) return null
  const samples = width * height * channels
  if (width < 1 || height < 1 || bytes.length !== HEADER_BYTES + samples * (bitDepth / 8)) {
    return null
  }
  // A copy: the result may be transferred to the worker, and Buffers can share a pool.
  const body = new Uint8Array(bytes.subarray(HEADER_BYTES))
  const data = bitDepth === 16 ? new Uint16Array(body.buffer) : body
  return { data, width, height, channels: channels as RawImage['channels'], bitDepth }
}
