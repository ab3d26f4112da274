import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { parseImageRoute } from '../../shared/ipc/image-routes'
import { contentSecurityPolicy } from '../../shared/security/csp'
import type { ImageSource } from '../serve/image-routes'
import { serveImageRoute } from '../serve/image-routes'
import { contentTypeFor, resolveStaticFile } from '../serve/static-files'

/** `lucid://app/…` serves the renderer bundle, `lucid://image/<route>` the photos' pixels. */
export const APP_SCHEME = 'lucid'
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Serves the app and the image routes (shared/ipc/image-routes.ts). Images are addressed by
 * document and step id, never by path, so only photos the person opened can be served and no
 * URL can name a file on disk.
 */
export function handleAppScheme(rendererRoot: string, images: ImageSource): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (request.method !== 'GET') return new Response(null, { status: 405 })
    if (url.host === 'app') {
      const file = await resolveStaticFile(rendererRoot, url.pathname)
      if (!file) return new Response('Not found', { status: 404 })
      return new Response(await readFile(file), {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff'
        }
      })
    }
    const route = url.host === 'image' ? parseImageRoute(url.pathname, url.searchParams) : null
    if (!route) return new Response('Not found', { status: 404 })
    try {
      const encoded = await serveImageRoute(images, route)
      return new Response(new Uint8Array(encoded.data), {
        headers: {
          'content-type': encoded.contentType,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store'
        }
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
