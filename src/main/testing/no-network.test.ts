import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import dns from 'node:dns'
import { mkdir } from 'node:fs/promises'
import { createServer, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EventName, EventPayload } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import type { Core } from '../core'
import { createCore } from '../core'
import { createDispatcher } from '../ipc/dispatch'
import { ScriptedDialogs } from '../ipc/scripted-dialogs'
import { buildTestWorker } from '../engine/worker/test-worker/build-test-worker'
import { tempDir } from './images'

/**
 * SECURITY.md's "no network", checked at run time in main (the e2e tests check the page): a
 * session of real work through the real handlers and the real inference worker — open, auto
 * levels, a ×2 upscale on the models, export, a gallery with thumbnails, drag-and-drop enhance —
 * while every outgoing TCP socket, HTTP request and DNS lookup of this process is recorded.
 * Lint keeps networking modules out of main's source (eslint.layers.mjs); this catches what a
 * dependency might do at run time.
 */
const SLOW = 240_000
const attempts: string[] = []
const onSocket = (message: unknown): void => {
  const socket = (message as { socket?: { remoteAddress?: string } }).socket
  attempts.push(`socket ${socket?.remoteAddress ?? '(connecting)'}`)
}
const onRequest = (message: unknown): void => {
  const request = (message as { request?: { host?: string; path?: string } }).request
  attempts.push(`http ${request?.host ?? ''}${request?.path ?? ''}`)
}
const channels = {
  'net.client.socket': onSocket,
  'http.client.request.start': onRequest,
  'undici:request:create': onRequest
} as const

let core: Core
let dir: string
const dialogs = new ScriptedDialogs()
const finished = new Set<string>()

async function call(channel: string, request?: unknown): Promise<unknown> {
  const dispatch = createDispatcher(core.handlers, { trustedOrigins: ['lucid://app'] })
  const result: Result<unknown> = await dispatch(channel, request, {
    origin: 'lucid://app',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'batch:finished') finished.add((payload as { batchId: string }).batchId)
    }
  })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value
}

beforeAll(async () => {
  for (const [name, listener] of Object.entries(channels)) subscribe(name, listener)
  vi.spyOn(dns, 'lookup')
  vi.spyOn(dns.promises, 'lookup')
  dir = await tempDir()
  await mkdir(join(dir, 'photos'))
  for (const name of ['a.png', 'b.jpg']) {
    await sharp({ create: { width: 40, height: 32, channels: 3, background: '#5a6b7c' } }).toFile(
      join(dir, 'photos', name)
    )
  }
  core = createCore({
    dialogs,
    importsDir: join(dir, 'imports'),
    dataDir: join(dir, 'data'),
    workerPath: await buildTestWorker(join(__dirname, '../engine/worker/inference-worker.ts'))
  })
}, SLOW)

afterAll(async () => {
  for (const [name, listener] of Object.entries(channels)) unsubscribe(name, listener)
  vi.restoreAllMocks()
  await core.close()
})

describe('no network at run time', () => {
  it('records a connection when one is made, so the check below can fail', async () => {
    const server = createServer((_req, res) => res.end('ok'))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((done) =>
      get(`http://127.0.0.1:${port}/`, (res) => res.resume().on('end', done))
    )
    await new Promise<void>((done) => server.close(() => done()))
    expect(attempts.some((a) => a.startsWith('http 127.0.0.1'))).toBe(true)
    expect(attempts.some((a) => a.startsWith('socket'))).toBe(true)
    attempts.length = 0
    vi.mocked(dns.lookup).mockClear()
  })

  it(
    'opens no connection and resolves no name during a session of real work',
    async () => {
      const photo = join(dir, 'photos', 'a.png')
      const opened = (await call('image:openPath', { path: photo })) as { id: string }
      await call('edit:apply', { docId: opened.id, operation: { op: 'autoLevels' } })
      await call('edit:apply', {
        docId: opened.id,
        operation: { op: 'upscale', scale: 2, quality: 'fast' }
      })
      dialogs.exportAnswers.push(join(dir, 'out.jpg'))
      await call('image:export', {
        docId: opened.id,
        options: { format: 'jpeg', keepMetadata: true }
      })
      const gallery = (await call('gallery:openPath', { path: join(dir, 'photos') })) as {
        id: string
        items: { id: string }[]
      }
      for (const item of gallery.items) await core.gallery.thumbnail(gallery.id, item.id)
      const { batchId } = (await call('enhance:paths', {
        paths: [join(dir, 'photos', 'b.jpg')],
        recipe: 'upscale:2:fast',
        folder: join(dir, 'enhanced')
      })) as { batchId: string }
      await vi.waitFor(() => expect(finished.has(batchId)).toBe(true), { timeout: SLOW })

      expect(attempts).toEqual([])
      expect(dns.lookup).not.toHaveBeenCalled()
      expect(dns.promises.lookup).not.toHaveBeenCalled()
    },
    SLOW
  )
})
