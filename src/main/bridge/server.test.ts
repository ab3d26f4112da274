import { request as httpRequest } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../core'
import { ScriptedDialogs } from '../ipc/scripted-dialogs'
import { tempDir, writeLowContrastPng } from '../testing/images'
import type { Bridge } from './server'
import { startBridge } from './server'
import { decodeWire, encodeWire } from './wire'

let bridge: Bridge
let dialogs: ScriptedDialogs
let photo: string

beforeAll(async () => {
  const dir = await tempDir()
  const staticRoot = join(dir, 'renderer')
  await mkdir(staticRoot)
  await writeFile(join(staticRoot, 'index.html'), '<!doctype html><title>Lucid</title>')
  photo = await writeLowContrastPng(dir)
  dialogs = new ScriptedDialogs()
  const core = createCore({ dialogs, importsDir: join(dir, 'imports'), dataDir: join(dir, 'data') })
  bridge = await startBridge({ handlers: core.handlers, store: core.images, staticRoot })
})

afterAll(() => bridge.close())

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so tests can set any Host and Origin header. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  const url = new URL(path, bridge.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const call = (
  channel: string,
  request: unknown,
  headers: Record<string, string> = {}
): Promise<Reply> =>
  send(`/ipc/${channel}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lucid-token': bridge.token,
      origin: bridge.origin,
      ...headers
    },
    body: encodeWire({ request })
  })

describe('the loopback bridge', () => {
  it('listens on 127.0.0.1 only, on a random port, with a long random token', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/)
    expect(bridge.pageUrl).toBe(`${bridge.origin}/#token=${bridge.token}`)
  })

  it('serves the renderer with the CSP header', async () => {
    const reply = await send('/')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await send('/../../etc/passwd')).status).toBe(404)
  })

  it('runs a real handler for a call with token and own origin', async () => {
    dialogs.openAnswers.push(photo)
    const reply = await call('image:open', undefined)
    const result = decodeWire(reply.body) as { ok: boolean; value: { info: { width: number } } }
    expect(result.ok).toBe(true)
    expect(result.value.info.width).toBe(96)
  })

  it('refuses calls without the right token', async () => {
    expect((await call('image:open', undefined, { 'x-lucid-token': 'wrong' })).status).toBe(401)
    expect((await call('image:open', undefined, { 'x-lucid-token': '' })).status).toBe(401)
  })

  it('refuses a foreign Origin with FORBIDDEN_SENDER', async () => {
    const reply = await call('image:open', undefined, { origin: 'https://evil.example' })
    expect(decodeWire(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('refuses a foreign Host (DNS rebinding)', async () => {
    expect((await send('/', { headers: { host: 'evil.example' } })).status).toBe(421)
  })

  it('answers malformed JSON and bad arguments with typed errors', async () => {
    const bad = await send('/ipc/edit:undo', {
      method: 'POST',
      headers: { 'x-lucid-token': bridge.token, origin: bridge.origin },
      body: '{not json'
    })
    expect(decodeWire(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const wrong = await call('edit:undo', { docId: 7 })
    expect(decodeWire(wrong.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const unknown = await call('fs:readFile', { path: '/etc/passwd' })
    expect(decodeWire(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' }
    })
  })

  it('carries bytes for importBytes', async () => {
    const { readFile } = await import('node:fs/promises')
    const bytes = new Uint8Array(await readFile(photo))
    const reply = await call('image:importBytes', { name: 'dropped.png', bytes })
    expect(decodeWire(reply.body)).toMatchObject({ ok: true, value: { name: 'dropped.png' } })
  })

  it('serves images only with the token and for a current revision', async () => {
    dialogs.openAnswers.push(photo)
    const opened = decodeWire((await call('image:open', undefined)).body) as {
      value: { id: string }
    }
    const path = `/image/preview/${opened.value.id}/0`
    expect((await send(`${path}?token=${bridge.token}`)).headers['content-type']).toBe('image/jpeg')
    expect((await send(path)).status).toBe(401)
    expect((await send(`/image/preview/${opened.value.id}/5?token=${bridge.token}`)).status).toBe(
      404
    )
    const region = `/image/region/${opened.value.id}/0?x=0&y=0&w=8&h=8&out=16&token=${bridge.token}`
    expect((await send(region)).status).toBe(200)
    const thumb = await send(`/image/thumb/${opened.value.id}/original?token=${bridge.token}`)
    expect(thumb.headers['content-type']).toBe('image/png')
    expect((await send(`/image/original/${opened.value.id}?token=${bridge.token}`)).status).toBe(
      200
    )
    expect((await send(`/image/nonsense?token=${bridge.token}`)).status).toBe(404)
  })

  it('serves gallery thumbnails by gallery and item id, with the token', async () => {
    dialogs.folderAnswers.push(dirname(photo))
    const reply = decodeWire((await call('gallery:open', undefined)).body) as {
      value: { id: string; items: { id: string; name: string }[] }
    }
    const item = reply.value.items.find((i) => i.name === basename(photo))
    const path = `/image/gallery-thumb/${reply.value.id}/${item?.id ?? ''}`
    const thumb = await send(`${path}?token=${bridge.token}`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers['content-type']).toBe('image/jpeg')
    expect((await send(path)).status).toBe(401)
    const unknown = `/image/gallery-thumb/${reply.value.id}/0123456789abcdef`
    expect((await send(`${unknown}?token=${bridge.token}`)).status).toBe(404)
  })

  it('refuses other methods', async () => {
    expect((await send('/', { method: 'DELETE' })).status).toBe(405)
  })
})

describe('imports', () => {
  it('keeps a dropped copy only while its document is open', async () => {
    const { readFile, readdir } = await import('node:fs/promises')
    const bytes = new Uint8Array(await readFile(photo))
    const opened = decodeWire(
      (await call('image:importBytes', { name: 'temp.png', bytes })).body
    ) as {
      value: { id: string }
    }
    const importsDir = join(photo, '..', 'imports')
    const before = await readdir(importsDir)
    expect(decodeWire((await call('image:close', { docId: opened.value.id })).body)).toEqual({
      ok: true,
      value: null
    })
    expect((await readdir(importsDir)).length).toBe(before.length - 1)
  })
})
