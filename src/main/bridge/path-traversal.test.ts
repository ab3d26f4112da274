import { request as httpRequest } from 'node:http'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../core'
import { ScriptedDialogs } from '../ipc/scripted-dialogs'
import { tempDir, writeLowContrastPng } from '../testing/images'
import type { Bridge } from './server'
import { startBridge } from './server'

/**
 * Path traversal against the bridge, the way an attacker would send it: raw request lines that
 * no URL parser has normalised first (`..`, encoded dots and slashes, absolute paths, NUL bytes,
 * symlinks out of the served folder), for both the static files and the image routes. The
 * secret lives beside the served folder; no reply may contain it.
 */
const SECRET = 'lucid-secret-7f3a'
let bridge: Bridge
let docId: string
let secretPath: string

beforeAll(async () => {
  const dir = await tempDir()
  const staticRoot = join(dir, 'renderer')
  await mkdir(join(staticRoot, 'assets'), { recursive: true })
  await writeFile(join(staticRoot, 'index.html'), '<!doctype html><title>Lucid</title>')
  secretPath = join(dir, 'secret.txt')
  await writeFile(secretPath, SECRET)
  await symlink(secretPath, join(staticRoot, 'assets', 'link.txt'))
  await symlink(dir, join(staticRoot, 'up'))
  const core = createCore({
    dialogs: new ScriptedDialogs(),
    importsDir: join(dir, 'imports'),
    dataDir: join(dir, 'data')
  })
  docId = (await core.store.open(await writeLowContrastPng(dir))).id
  bridge = await startBridge({ handlers: core.handlers, store: core.images, staticRoot })
  afterAll(async () => {
    await bridge.close()
    await core.close()
  })
})

/** Sends `rawPath` exactly as written: the request line is not normalised by the client. */
function rawGet(
  rawPath: string,
  method = 'GET',
  headers: Record<string, string> = {}
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        path: rawPath,
        method,
        headers: { host: `${hostname}:${port}`, ...headers }
      },
      (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

const withToken = (path: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}token=${bridge.token}`

describe('path traversal over the bridge', () => {
  it('serves the page and an open photo, so the refusals below are not vacuous', async () => {
    expect((await rawGet('/index.html')).status).toBe(200)
    expect((await rawGet(withToken(`/image/original/${docId}`))).status).toBe(200)
  })

  it.each([
    ['dot-dot', '/../secret.txt'],
    ['nested dot-dot', '/assets/../../secret.txt'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded dots, upper case', '/%2E%2E/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['double-encoded dots', '/%252e%252e/secret.txt'],
    ['absolute path', `/${secretPath}`],
    ['absolute path, encoded', `/${encodeURIComponent(secretPath)}`],
    ['NUL byte', '/index.html%00/../../secret.txt'],
    ['backslashes', '/..%5csecret.txt'],
    ['malformed escape', '/%E0%A4%A'],
    ['symlink to a file outside', '/assets/link.txt'],
    ['symlink to a folder outside', '/up/secret.txt']
  ])('static files: refuses %s', async (_name, path) => {
    const reply = await rawGet(path)
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain(SECRET)
  })

  it.each([
    ['dot-dot', '/image/../../secret.txt'],
    ['dot-dot after a route', `/image/original/${docId}/../../../secret.txt`],
    ['encoded dots', '/image/%2e%2e/%2e%2e/secret.txt'],
    ['encoded slashes', `/image/original%2f..%2f..%2fsecret.txt`],
    ['absolute path', `/image/${secretPath}`],
    ['absolute path in a route', `/image/original/${encodeURIComponent(secretPath)}`],
    ['NUL byte', `/image/original/${docId}%00.png`],
    ['NUL byte in a query', `/image/region/${docId}/0?x=0%00&y=0&w=8&h=8&out=8`],
    ['a path as the step', `/image/thumb/${docId}/..%2f..%2fsecret.txt`],
    ['symlink name as the step', `/image/thumb/${docId}/link.txt`]
  ])('image routes: refuses %s', async (_name, path) => {
    const reply = await rawGet(withToken(path))
    expect([401, 404]).toContain(reply.status)
    expect(reply.body).not.toContain(SECRET)
  })

  it('answers a malformed channel escape with an error, not a crash', async () => {
    const reply = await rawGet('/ipc/%E0%A4%A', 'POST', {
      'x-lucid-token': bridge.token,
      origin: bridge.origin
    })
    expect(reply.body).toContain('UNKNOWN_CHANNEL')
    expect((await rawGet('/index.html')).status).toBe(200)
  })
})
