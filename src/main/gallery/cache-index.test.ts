import { readdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { CacheIndex } from './cache-index'

const name = (n: number): string => `${n.toString(16).padStart(64, '0')}.jpg`

async function put(dir: string, index: CacheIndex, n: number, bytes: number): Promise<void> {
  await writeFile(join(dir, name(n)), Buffer.alloc(bytes))
  await index.added(name(n), bytes)
}

describe('CacheIndex', () => {
  it('reads what the folder holds, ignoring foreign files and clearing leftovers', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, name(1)), Buffer.alloc(300))
    await writeFile(join(dir, 'notes.txt'), 'mine')
    await writeFile(join(dir, `${name(2)}.123`), 'half-written')
    const index = new CacheIndex(dir, 10_000)
    await index.ready()
    expect(index.has(name(1))).toBe(true)
    expect(await index.size()).toBe(300)
    expect((await readdir(dir)).sort()).toEqual([name(1), 'notes.txt'])
  })

  it('deletes the least recently used thumbnails past the budget', async () => {
    const dir = await tempDir()
    const index = new CacheIndex(dir, 1000)
    await index.ready()
    await put(dir, index, 1, 400)
    await put(dir, index, 2, 400)
    // Thumbnail 1 was looked at after 2 was made, so 2 is the oldest.
    await new Promise((resolve) => setTimeout(resolve, 5))
    index.touched(name(1))
    await put(dir, index, 3, 400)

    expect((await readdir(dir)).sort()).toEqual([name(1), name(3)])
    expect(index.has(name(2))).toBe(false)
    expect(await index.size()).toBe(800)
  })

  it('keeps the order across restarts through modification times', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, name(1)), Buffer.alloc(400))
    await writeFile(join(dir, name(2)), Buffer.alloc(400))
    await utimes(join(dir, name(1)), new Date(2_000_000), new Date(2_000_000))
    await utimes(join(dir, name(2)), new Date(1_000_000), new Date(1_000_000))
    const index = new CacheIndex(dir, 1000)
    await index.ready()
    await put(dir, index, 3, 400)
    expect((await readdir(dir)).sort()).toEqual([name(1), name(3)])
  })
})
