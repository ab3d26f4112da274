import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHILD_BUNDLE, defaultChildPath } from './child-path'

let tools: string

beforeEach(async () => {
  tools = await mkdtemp(join(tmpdir(), 'lucid-tools-'))
  await mkdir(join(tools, 'assets'))
})

afterEach(async () => {
  await rm(tools, { recursive: true, force: true })
})

describe('defaultChildPath', () => {
  it('finds the child beside a bundle in a shared chunk folder', async () => {
    await writeFile(join(tools, CHILD_BUNDLE), '')
    expect(defaultChildPath(join(tools, 'assets'))).toBe(join(tools, CHILD_BUNDLE))
  })

  it('prefers the child in the bundle’s own folder', async () => {
    await writeFile(join(tools, 'assets', CHILD_BUNDLE), '')
    await writeFile(join(tools, CHILD_BUNDLE), '')
    expect(defaultChildPath(join(tools, 'assets'))).toBe(join(tools, 'assets', CHILD_BUNDLE))
  })

  it('names the own-folder path when there is no child', () => {
    expect(defaultChildPath(tools)).toBe(join(tools, CHILD_BUNDLE))
  })
})
