import { resolve } from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { LucidError } from '../../../shared/ipc/errors'
import { loadImage } from '../../engine/io/load-image'
import { tempDir, writeFixture } from '../images'
import { withFixedPngCrcs, withLyingSize } from './lying-headers'
import type { SeedImage } from './mutators'
import { makeSeedImages } from './seed-images'

const repoRoot = resolve(__dirname, '../../../..')
let seeds: SeedImage[]

beforeAll(async () => {
  seeds = await makeSeedImages(repoRoot)
})

/**
 * The CPU time (milliseconds, all of the process's threads, libvips' included) spent while
 * `work` runs. "Quickly" is about the work done (a refusal costs milliseconds, decoding the
 * claimed pixels seconds), which CPU time measures whatever else the machine is doing; wall
 * time would stretch with every other process on a loaded one.
 */
async function cpuTimeOf<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const before = process.cpuUsage()
  const value = await work()
  const { user, system } = process.cpuUsage(before)
  return { value, ms: (user + system) / 1000 }
}

/** The largest size each seed's header field can claim. */
const fieldMax: Readonly<Record<string, number>> = {
  jpg: 65_535,
  gif: 65_535,
  webp: 16_383
}

describe('withLyingSize', () => {
  it('makes every seed claim a size past the pixel limit, and loading refuses it as too large', async () => {
    const dir = await tempDir()
    for (const seed of seeds) {
      // Every field of the file (GIF screen and frame, WebP canvas and bitstream) lies.
      const lied = withLyingSize(seed.bytes, { width: 100_000, height: 100_000 }, (n) => n - 1)
      expect(lied, seed.name).toBeDefined()
      if (!lied) continue
      const side = fieldMax[seed.name.split('.').pop() ?? ''] ?? 100_000
      const claimed = await sharp(lied, { limitInputPixels: false })
        .metadata()
        .catch(() => undefined)
      // libheif checks ispe against its own limits and may refuse to parse; others report it.
      if (claimed) expect([claimed.width, claimed.height], seed.name).toEqual([side, side])
      const path = await writeFixture(dir, `lied-${seed.name}`, lied)
      const { value: error, ms } = await cpuTimeOf(() =>
        loadImage(path).then(
          () => undefined,
          (e: unknown) => e
        )
      )
      // A header sharp can read is refused for its size; one it cannot read, as damaged (libtiff
      // rejects some at the header, which libvips reports as an unknown format).
      const expected = claimed ? ['IMAGE_TOO_LARGE'] : ['CORRUPT_IMAGE', 'UNSUPPORTED_FORMAT']
      expect(error, seed.name).toBeInstanceOf(LucidError)
      expect(expected, seed.name).toContain((error as LucidError).code)
      expect(ms, seed.name).toBeLessThan(2000)
    }
  })

  it('makes a header claim just under the pixel limit, and loading refuses it quickly as damaged', async () => {
    const dir = await tempDir()
    // GIF is left out: its decoder fills a frame's missing data without a warning, so the lie
    // decodes (in about a second, bounded by the pixel limit) into a mostly empty image.
    for (const seed of seeds.filter((s) => !s.name.endsWith('.gif'))) {
      const lied = withLyingSize(seed.bytes, { width: 14_000, height: 14_000 }, (n) => n - 1)
      if (!lied) throw new Error(`${seed.name} has no size field`)
      const path = await writeFixture(dir, `lied-${seed.name}`, lied)
      const { ms } = await cpuTimeOf(async () => {
        await expect(loadImage(path), seed.name).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' })
      })
      expect(ms, seed.name).toBeLessThan(2000)
    }
  })

  it('leaves the input untouched and answers undefined for bytes of no known format', () => {
    const seed = seeds.find((s) => s.name === 'photo.png')
    if (!seed) throw new Error('no PNG seed')
    const before = Buffer.from(seed.bytes)
    withLyingSize(seed.bytes, { width: 9, height: 9 }, () => 0)
    expect(seed.bytes.equals(before)).toBe(true)
    expect(
      withLyingSize(Buffer.from('not an image at all'), { width: 9, height: 9 }, () => 0)
    ).toBeUndefined()
  })
})

describe('withFixedPngCrcs', () => {
  it('re-signs every chunk of a damaged PNG, so libpng reads the damage instead of the bad CRC', () => {
    const seed = seeds.find((s) => s.name === 'photo.png')
    if (!seed) throw new Error('no PNG seed')
    const damaged = Buffer.from(seed.bytes)
    damaged.writeUInt8(damaged.readUInt8(25) ^ 0x04, 25) // IHDR's colour type
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 100) ^ 0x01, damaged.length - 100) // pixels
    expect(badCrcChunks(damaged)).toEqual(['IHDR', 'IDAT'])
    expect(badCrcChunks(withFixedPngCrcs(damaged))).toEqual([])
  })
})

function badCrcChunks(png: Buffer): string[] {
  const bad: string[] = []
  for (let at = 8; at + 12 <= png.length; at += 12 + png.readUInt32BE(at)) {
    const end = at + 8 + png.readUInt32BE(at)
    if (crc32(png.subarray(at + 4, end)) !== png.readUInt32BE(end)) {
      bad.push(png.toString('latin1', at + 4, at + 8))
    }
  }
  return bad
}
