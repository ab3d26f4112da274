import type { LucidApi } from '../../../shared/ipc/api'
import { buildApi } from '../../../shared/ipc/api'
import { formatImageRoute } from '../../../shared/ipc/image-routes'
import type { Result } from '../../../shared/ipc/errors'
import { fail } from '../../../shared/ipc/errors'
import { BYTES_KEY } from '../../../shared/ipc/wire'

/**
 * The loopback-bridge transport: the same API as the preload, over fetch and EventSource to
 * the bridge that served this page. The token arrives in the URL fragment and is removed from
 * the address bar at once.
 */
export function connectBridge(): LucidApi {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token')
  if (!token) throw new Error('The bridge page needs its token (#token=…)')
  window.history.replaceState(null, '', window.location.pathname)

  const events = new EventSource(`/events?token=${encodeURIComponent(token)}`)
  const api = buildApi(
    async (channel, request) => {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lucid-token': token },
        body: encodeWire({ request })
      })
      if (!response.ok) return fail('INTERNAL', `The bridge answered ${response.status}`)
      return decodeWire(await response.text()) as Result<unknown>
    },
    (event, listener) => {
      const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data))
      events.addEventListener(event, handler)
      return () => events.removeEventListener(event, handler)
    }
  )
  return {
    ...api,
    shell: {
      imageUrl: (route) => {
        const path = formatImageRoute(route)
        const join = path.includes('?') ? '&' : '?'
        return `/image/${path}${join}token=${encodeURIComponent(token)}`
      },
      nativeMenu: false,
      platform: 'web',
      pathForFile: () => null
    }
  }
}

function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { [BYTES_KEY]: toBase64(v) } : v
  )
}

function decodeWire(text: string): unknown {
  return JSON.parse(text)
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}
