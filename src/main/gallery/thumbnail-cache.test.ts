import { readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { tempDir, truncatedJpeg, writeLowContrastPng } from '../testing/images'
import { makeThumbnail } from './make-thumbnail'
import type { ThumbnailSource } from './thumbnail-cache'
import { ThumbnailCache, thumbnailKey } from './thumbnail-cache'

async function sourceOf(path: string): Promise<ThumbnailSource> {
  const info = await stat(path)
  return { path, bytes: info.size, mtimeMs: info.mtimeMs }
}

/** A cache whose thumbnails are counted, over a fresh folder. */
async function countingCache(): Promise<{ cache: ThumbnailCache; made: string[]; dir: string }> {
  const dir = await tempDir()
  const made: string[] = []
  const cache = new ThumbnailCache({
    cacheDir: join(dir, 'thumbs'),
    make: (path) => {
      made.push(path)
      return makeThumbnail(path)
    }
  })
  return { cache, made, dir }
}

/** A `make` that holds each thumbnail until the test lets it go, recording the order. */
function gatedMake(): {
  make: (path: string) => Promise<Buffer>
  order: string[]
  /** Resolves when the first thumbnail has started. */
  firstStarted: Promise<void>
  release: () => void
} {
  const order: string[] = []
  let open: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (open = resolve))
  let started: () => void = () => undefined
  const firstStarted = new Promise<void>((resolve) => (started = resolve))
  return {
    order,
    firstStarted,
    release: () => open(),
    make: async (path) => {
      order.push(path)
      started()
      await gate
      return Buffer.from(path)
    }
  }
}

const fake = (name: string): ThumbnailSource => ({ path: `/photos/${name}`, bytes: 1, mtimeMs: 1 })

describe('ThumbnailCache', () => {
  it('stores a thumbnail on disk and serves the second request without decoding', async () => {
    const { cache, made, dir } = await countingCache()
    const source = await sourceOf(await writeLowContrastPng(dir, 'a.png', 600, 300))

    const first = await cache.request(source)
    const second = await cache.request(source)

    expect(made).toHaveLength(1)
    expect(second.equals(first)).toBe(true)
    expect(await sharp(first).metadata()).toMatchObject({ width: 256, height: 128 })
    expect(await readdir(join(dir, 'thumbs'))).toEqual([`${thumbnailKey(source)}.jpg`])
    expect(cache.stats()).toEqual({ hits: 1, made: 1, failed: 0 })

    // A new cache over the same folder (the next run of the app) finds it too.
    const again = new ThumbnailCache({
      cacheDir: join(dir, 'thumbs'),
      make: () => Promise.reject(new Error('should not decode'))
    })
    expect((await again.request(source)).equals(first)).toBe(true)
  })

  it('shares one job between identical requests', async () => {
    const { cache, made, dir } = await countingCache()
    const source = await sourceOf(await writeLowContrastPng(dir, 'a.png'))
    const [a, b, c] = await Promise.all([
      cache.request(source),
      cache.request(source, { priority: 'background' }),
      cache.ensure(source)
    ])
    expect(made).toHaveLength(1)
    expect(a.equals(b)).toBe(true)
    expect(c).toBeUndefined()
  })

  it('makes a new thumbnail when the photo changes', async () => {
    const { cache, made, dir } = await countingCache()
    const path = await writeLowContrastPng(dir, 'a.png', 300, 100)
    const before = await sourceOf(path)
    await cache.request(before)

    await sharp({ create: { width: 100, height: 300, channels: 3, background: '#0a0' } })
      .png()
      .toFile(path)
    const later = new Date(before.mtimeMs + 5000)
    await utimes(path, later, later)
    const after = await sourceOf(path)
    const thumb = await cache.request(after)

    expect(made).toHaveLength(2)
    expect(thumbnailKey(after)).not.toBe(thumbnailKey(before))
    expect(await sharp(thumb).metadata()).toMatchObject({ width: 85, height: 256 })
    expect(await readdir(join(dir, 'thumbs'))).toHaveLength(2)
  })

  it('does not cache a thumbnail of a file that changed since it was listed', async () => {
    const { cache, dir } = await countingCache()
    const path = await writeLowContrastPng(dir, 'a.png')
    const stale = { ...(await sourceOf(path)), mtimeMs: 1 }
    await cache.request(stale)
    expect(await readdir(join(dir, 'thumbs')).catch(() => [])).toEqual([])
  })

  it('fails a damaged photo alone, with a typed error it remembers', async () => {
    const { cache, made, dir } = await countingCache()
    const broken = join(dir, 'broken.jpg')
    await writeFile(broken, await truncatedJpeg())
    const good = await sourceOf(await writeLowContrastPng(dir, 'good.png'))
    const bad = await sourceOf(broken)

    const [badResult, goodResult] = await Promise.allSettled([
      cache.request(bad),
      cache.request(good)
    ])

    expect(badResult).toMatchObject({ status: 'rejected', reason: { code: 'CORRUPT_IMAGE' } })
    expect(goodResult.status).toBe('fulfilled')
    await expect(cache.request(bad)).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' })
    expect(made.filter((path) => path === broken)).toHaveLength(1)
    expect(cache.stats()).toMatchObject({ made: 1, failed: 1 })
  })

  it('makes visible thumbnails before background ones, newest visible first', async () => {
    const gated = gatedMake()
    const cache = new ThumbnailCache({
      cacheDir: join(await tempDir(), 'thumbs'),
      concurrency: 1,
      make: gated.make
    })
    const requests = [
      cache.request(fake('busy'), { priority: 'background' }),
      cache.request(fake('b1'), { priority: 'background' }),
      cache.request(fake('b2'), { priority: 'background' }),
      cache.request(fake('v1'), { priority: 'visible' }),
      cache.request(fake('v2'), { priority: 'visible' }),
      // Already waiting in the background, then scrolled into view.
      cache.request(fake('b2'), { priority: 'visible' })
    ]
    await gated.firstStarted
    expect(gated.order).toHaveLength(1)
    gated.release()
    await Promise.all(requests)
    expect(gated.order).toEqual(['busy', 'b2', 'v2', 'v1', 'b1'].map((n) => fake(n).path))
  })

  it('skips a cancelled request and demotes one that scrolled away', async () => {
    const gated = gatedMake()
    const cache = new ThumbnailCache({
      cacheDir: join(await tempDir(), 'thumbs'),
      concurrency: 1,
      make: gated.make
    })
    const busy = cache.request(fake('busy'))
    const gone = new AbortController()
    const away = new AbortController()
    const cancelledOne = cache.request(fake('gone'), { signal: gone.signal })
    const first = cache.request(fake('first'), { priority: 'background' })
    const background = cache.request(fake('later'), { priority: 'background' })
    const scrolled = cache.request(fake('later'), { signal: away.signal })
    await gated.firstStarted
    expect(gated.order).toHaveLength(1)
    gone.abort()
    away.abort()
    gated.release()

    await expect(cancelledOne).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(scrolled).rejects.toMatchObject({ code: 'CANCELLED' })
    await Promise.all([busy, background, first])
    expect(gated.order).toEqual(['busy', 'first', 'later'].map((n) => fake(n).path))
    await expect(cache.request(fake('x'), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED'
    })
  })
})
