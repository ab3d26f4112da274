import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { contentSecurityPolicy } from '../../shared/security/csp'
import type { DocumentStore } from '../engine/document-store'
import { contentTypeFor, resolveStaticFile } from '../serve/static-files'

/** `lucid://app/…` serves the renderer bundle, `lucid://preview/<doc>/<revision>` the previews. */
export const APP_SCHEME = 'lucid'
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Serves the app and previews. Previews are addressed by document id, never by path, so only
 * images the person opened can be served and no URL can name a file on disk.
 */
export function handleAppScheme(rendererRoot: string, store: DocumentStore): void {
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
    const preview = /^\/([0-9a-f-]{36})\/(\d{1,9})$/.exec(url.pathname)
    if (url.host === 'preview' && preview) {
      try {
        const encoded = await store.preview(preview[1] ?? '', Number(preview[2]))
        return new Response(encoded.data, { headers: { 'content-type': encoded.contentType } })
      } catch {
        return new Response('Not found', { status: 404 })
      }
    }
    return new Response('Not found', { status: 404 })
  })
}
