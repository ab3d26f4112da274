import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { resolveStaticFile } from './static-files'

let root: string
let outside: string

beforeAll(async () => {
  const base = await tempDir()
  root = join(base, 'renderer')
  outside = join(base, 'secret.txt')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(join(root, 'assets', 'app.js'), '')
  await writeFile(outside, 'secret')
  await symlink(outside, join(root, 'assets', 'escape.txt'))
  await symlink(base, join(root, 'up'))
})

describe('resolveStaticFile', () => {
  it('serves files inside the root, and index.html for /', async () => {
    expect(await resolveStaticFile(root, '/')).toBe(join(root, 'index.html'))
    expect(await resolveStaticFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(await resolveStaticFile(root, '/assets/./app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    ['dot-dot', '/../secret.txt'],
    ['nested dot-dot', '/assets/../../secret.txt'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['absolute path', `/${outside}`],
    ['NUL byte', '/index.html%00.png'],
    ['backslash', '/..\\secret.txt'],
    ['malformed escape', '/%E0%A4%A'],
    ['symlink to a file outside', '/assets/escape.txt'],
    ['symlink to a folder outside', '/up/secret.txt'],
    ['a folder', '/assets'],
    ['missing file', '/nope.js']
  ])('refuses %s', async (_name, path) => {
    expect(await resolveStaticFile(root, path)).toBeNull()
  })
})
