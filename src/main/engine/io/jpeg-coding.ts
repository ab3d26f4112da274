import { open } from 'node:fs/promises'

/**
 * The most pixels a Huffman-coded JPEG can hold per byte of file. Every 8×8 block of every
 * component needs at least one bit for its DC coefficient (in a progressive file's first scan
 * too, while its AC scans can skip whole runs of blocks), so even a greyscale image cannot
 * exceed 64 pixels per bit. A header claiming more is lying about the size, and decoding it would
 * make libjpeg allocate and zero the whole claimed image before it finds out.
 */
export const MAX_HUFFMAN_JPEG_PIXELS_PER_BYTE = 512

/** How far into the file the frame header (SOFn) is looked for: past EXIF, XMP and ICC. */
const HEAD_BYTES = 256 * 1024

/**
 * Whether a JPEG's frame is Huffman-coded (SOF0–SOF3), from its markers; null when no frame
 * header is found in the first 256 KiB or the markers are damaged. Arithmetic-coded frames
 * (SOF9–SOF11, SOF13–SOF15) pack more tightly and are not bounded above.
 */
export function jpegIsHuffmanCoded(head: Uint8Array): boolean | null {
  if (head[0] !== 0xff || head[1] !== 0xd8) return null
  let at = 2
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return null
    const marker = head[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker >= 0xc0 && marker <= 0xc3) return true
    if ((marker >= 0xc9 && marker <= 0xcb) || (marker >= 0xcd && marker <= 0xcf)) return false
    if (marker === 0xda || marker === 0xd9) return null // scan or end before any frame header
    const length = ((head[at + 2] ?? 0) << 8) | (head[at + 3] ?? 0)
    if (length < 2) return null
    at += 2 + length
  }
  return null
}

/** Reads the start of a JPEG file and answers jpegIsHuffmanCoded for it. */
export async function jpegFileIsHuffmanCoded(path: string): Promise<boolean | null> {
  const file = await open(path, 'r')
  try {
    const head = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0)
    return jpegIsHuffmanCoded(head.subarray(0, bytesRead))
  } finally {
    await file.close()
  }
}
