import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '../engine/raw-image'
import { tempDir } from '../testing/images'
import { ResultCache } from './result-cache'

const image = (fill: number, bitDepth: 8 | 16 = 8): RawImage => ({
  data: bitDepth === 8 ? new Uint8Array(10 * 10 * 3).fill(fill) : new Uint16Array(300).fill(fill),
  width: 10,
  height: 10,
  channels: 3,
  bitDepth
})
/** Header + 300 8-bit samples. */
const FILE_BYTES = 32 + 300

describe('ResultCache', () => {
  it('stores and reads back 8- and 16-bit results exactly', async () => {
    const cache = new ResultCache({ dir: await tempDir() })
    await cache.put('k', 'a', image(7))
    await cache.put('k', 'b', image(60_000, 16))
    expect(await cache.get('k', 'a')).toEqual(image(7))
    const wide = await cache.get('k', 'b')
    expect(wide?.data).toBeInstanceOf(Uint16Array)
    expect(wide).toEqual(image(60_000, 16))
    expect(await cache.get('k', 'missing')).toBeNull()
  })

  it('evicts the least recently used results beyond its budget', async () => {
    const cache = new ResultCache({ dir: await tempDir(), budgetBytes: FILE_BYTES * 2 })
    await cache.put('k', 'a', image(1))
    await cache.put('k', 'b', image(2))
    await cache.get('k', 'a') // a is now more recent than b
    await cache.put('k', 'c', image(3))
    expect(cache.has('k', 'a')).toBe(true)
    expect(cache.has('k', 'b')).toBe(false)
    expect(cache.has('k', 'c')).toBe(true)
    expect(cache.usedBytes).toBe(FILE_BYTES * 2)
    await cache.setBudget(0)
    expect(cache.usedBytes).toBe(0)
    expect(await cache.get('k', 'a')).toBeNull()
  })

  it('finds what an earlier run left, and ignores damaged files', async () => {
    const dir = await tempDir()
    const first = new ResultCache({ dir })
    await first.put('k', 'a', image(9))
    await first.put('k', 'bad', image(9))
    await writeFile(join(dir, 'k', 'bad.raw'), 'not pixels')
    const second = new ResultCache({ dir })
    expect(await second.get('k', 'a')).toEqual(image(9))
    expect(await second.get('k', 'bad')).toBeNull()
    expect(await readdir(join(dir, 'k'))).toEqual(['a.raw'])
  })

  it('removes dropped steps and whole photos', async () => {
    const dir = await tempDir()
    const cache = new ResultCache({ dir })
    await cache.put('k', 'a', image(1))
    await cache.put('k', 'b', image(1))
    await cache.put('j', 'c', image(1))
    await cache.remove('k', ['a'])
    expect(cache.has('k', 'a')).toBe(false)
    await cache.removeAll('k')
    expect(cache.has('k', 'b')).toBe(false)
    expect(await readdir(dir)).toEqual(['j'])
    expect(cache.usedBytes).toBe(FILE_BYTES)
  })
})
