import { readFile, symlink } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LucidError } from '../../../shared/ipc/errors'
import { tempDir, writeFixture } from '../../testing/images'
import { assertWritableTarget } from './write-target'

let dir: string
let original: string

beforeAll(async () => {
  dir = await tempDir('lucid-target-')
  original = await writeFixture(dir, 'original.jpg', 'original bytes')
})

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e as LucidError
  )
  expect(error.name).toBe('LucidError')
  return error.code
}

describe('assertWritableTarget', () => {
  it('refuses an original by name, relative path or symlink, even with overwrite', async () => {
    const link = join(dir, 'link.jpg')
    await symlink(original, link)
    for (const target of [original, relative(process.cwd(), original), link]) {
      expect([target, await errorCodeOf(assertWritableTarget(target, [original], true))]).toEqual([
        target,
        'WOULD_OVERWRITE_ORIGINAL'
      ])
    }
    // A protected path reached through a link is protected too.
    expect(await errorCodeOf(assertWritableTarget(original, [link], true))).toBe(
      'WOULD_OVERWRITE_ORIGINAL'
    )
    expect(await readFile(original, 'utf8')).toBe('original bytes')
  })

  it('refuses an existing file unless overwrite is set, and allows a new one', async () => {
    const existing = await writeFixture(dir, 'existing.png', 'keep me')
    expect(await errorCodeOf(assertWritableTarget(existing, [original], false))).toBe(
      'WRITE_FAILED'
    )
    await expect(assertWritableTarget(existing, [original], true)).resolves.toBeUndefined()
    await expect(
      assertWritableTarget(join(dir, 'new.png'), [original], false)
    ).resolves.toBeUndefined()
  })
})
