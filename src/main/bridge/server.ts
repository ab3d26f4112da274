import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { contentSecurityPolicy } from '../../shared/security/csp'
import { parseImageRoute } from '../../shared/ipc/image-routes'
import { eventNames } from '../../shared/ipc/names'
import { LucidError, fail } from '../../shared/ipc/errors'
import { createDispatcher } from '../ipc/dispatch'
import type { HandlerTable } from '../ipc/handlers'
import type { Emit } from '../ipc/ports'
import type { ImageSource } from '../serve/image-routes'
import { serveImageRoute } from '../serve/image-routes'
import { contentTypeFor, resolveStaticFile } from '../serve/static-files'
import { decodeWire, encodeWire } from './wire'

/** Large enough for a dropped 200 MB photo as base64, small enough to refuse abuse. */
const MAX_BODY_BYTES = 300 * 1024 * 1024

export interface BridgeOptions {
  readonly handlers: HandlerTable
  /** What `/image/<route>` serves: the document service. */
  readonly store: ImageSource
  /** The renderer build to serve (out/renderer-bridge). */
  readonly staticRoot: string
  readonly log?: (message: string, error: unknown) => void
}

export interface Bridge {
  /** http://127.0.0.1:PORT */
  readonly origin: string
  /** The page URL, carrying the token in the fragment (never sent to the server in logs). */
  readonly pageUrl: string
  readonly token: string
  readonly emit: Emit
  close(): Promise<void>
}

/**
 * Serves the same handler table as Electron's ipcMain over HTTP on 127.0.0.1, for driving the
 * real renderer and the real main-process handlers from a plain Chromium where no Electron
 * binary exists. Bound to loopback on a random port; every call needs the random token and
 * must come from the bridge's own origin and Host (which also defeats DNS rebinding).
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('hex')
  const tokenBytes = Buffer.from(token)
  const listeners = new Set<ServerResponse>()

  const emit: Emit = (event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const response of listeners) response.write(frame)
  }

  // Listen first: the origin (with its random port) is what callers must present.
  const server = createServer()
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const dispatch = createDispatcher(options.handlers, {
    trustedOrigins: [origin],
    log: options.log
  })

  const hasToken = (value: string | null | undefined): boolean => {
    if (typeof value !== 'string') return false
    const given = Buffer.from(value)
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin)
    if (request.headers.host !== new URL(origin).host) {
      deny(response, 421, 'Wrong host')
      return
    }

    if (request.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      if (!hasToken(request.headers['x-lucid-token'] as string | undefined)) {
        deny(response, 401, 'Bad token')
        return
      }
      // A malformed escape is just an unknown channel, answered like any other.
      const channel = decodeChannel(url.pathname.slice('/ipc/'.length))
      let body: unknown
      try {
        const text = await readBody(request)
        body = text === '' ? {} : decodeWire(text)
      } catch (error) {
        const result =
          error instanceof LucidError
            ? fail(error.code, error.message)
            : fail('INVALID_ARGUMENT', 'Request body is not valid JSON')
        send(response, 200, 'application/json', encodeWire(result))
        return
      }
      const requestValue = (body as { request?: unknown }).request
      const result = await dispatch(channel, requestValue, {
        origin: request.headers.origin ?? null,
        emit
      })
      send(response, 200, 'application/json', encodeWire(result))
      return
    }

    if (request.method !== 'GET') {
      deny(response, 405, 'Method not allowed')
      return
    }

    if (url.pathname === '/events') {
      if (!hasToken(url.searchParams.get('token'))) {
        deny(response, 401, 'Bad token')
        return
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive'
      })
      response.write(`: events ${eventNames.join(' ')}\n\n`)
      listeners.add(response)
      request.on('close', () => listeners.delete(response))
      return
    }

    if (url.pathname.startsWith('/image/')) {
      if (!hasToken(url.searchParams.get('token'))) {
        deny(response, 401, 'Bad token')
        return
      }
      const route = parseImageRoute(url.pathname.slice('/image/'.length), url.searchParams)
      if (!route) {
        deny(response, 404, 'No such image')
        return
      }
      try {
        const encoded = await serveImageRoute(options.store, route)
        send(response, 200, encoded.contentType, encoded.data)
        return
      } catch {
        deny(response, 404, 'No such image')
        return
      }
    }

    const file = await resolveStaticFile(options.staticRoot, url.pathname)
    if (!file) {
      deny(response, 404, 'Not found')
      return
    }
    send(response, 200, contentTypeFor(file), await readFile(file))
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      options.log?.('Bridge request failed', error)
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  return {
    origin,
    pageUrl: `${origin}/#token=${token}`,
    token,
    emit,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const response of listeners) response.end()
        listeners.clear()
        server.closeAllConnections()
        server.close(() => resolveClose())
      })
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store'
  })
  response.end(body)
}

function deny(response: ServerResponse, status: number, message: string): void {
  send(response, status, 'text/plain; charset=utf-8', message)
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new LucidError('INVALID_ARGUMENT', 'Request is too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function decodeChannel(encoded: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return encoded
  }
}
