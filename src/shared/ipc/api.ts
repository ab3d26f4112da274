import type { Result } from './errors'
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from './contract'
import type { ImageRoute } from './image-routes'
import { channelNames, eventNames } from './names'

/**
 * The shape of `window.lucid`, derived from the contract: channel `image:open` becomes
 * `lucid.image.open(request)`, event `job:progress` becomes `lucid.events.onJobProgress(cb)`.
 * Calls resolve to a Result (errors cross contextBridge as data, not as thrown objects).
 */
type NamespaceOf<C extends string> = C extends `${infer N}:${string}` ? N : never
type MethodOf<C extends string> = C extends `${string}:${infer M}` ? M : never

type ArgsOf<C extends Channel> = undefined extends RequestOf<C> ? [] : [request: RequestOf<C>]

export type ChannelApi = {
  [N in NamespaceOf<Channel>]: {
    [C in Channel as NamespaceOf<C> extends N ? MethodOf<C> : never]: (
      ...args: ArgsOf<C>
    ) => Promise<Result<ResponseOf<C>>>
  }
}

export type Unsubscribe = () => void

type EventKey<E extends string> = E extends `${infer A}:${infer B}`
  ? `on${Capitalize<A>}${Capitalize<B>}`
  : never

export interface EventApi {
  events: {
    [E in EventName as EventKey<E>]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe
  }
}

/** Transport facts the UI needs: where to fetch preview pixels, whether a native menu exists. */
export interface ShellApi {
  shell: {
    /** URL of a document's pixels (a custom protocol in Electron, or the bridge). */
    imageUrl: (route: ImageRoute) => string
    /** True in Electron, whose menu owns the keyboard shortcuts. */
    nativeMenu: boolean
    platform: string
    /** Absolute path of a dropped File, when the transport can know it (Electron). */
    pathForFile: (file: File) => string | null
  }
}

export type LucidApi = ChannelApi & EventApi & ShellApi

export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe

export function eventKey(event: EventName): string {
  const [a = '', b = ''] = event.split(':')
  return `on${a.charAt(0).toUpperCase()}${a.slice(1)}${b.charAt(0).toUpperCase()}${b.slice(1)}`
}

/**
 * Builds the channel and event parts of the API over any transport: Electron's ipcRenderer in
 * the preload, or fetch and EventSource against the loopback bridge.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): ChannelApi & EventApi {
  const api: Record<string, Record<string, unknown>> = { events: {} }
  for (const name of channelNames) {
    const [namespace = '', method = ''] = name.split(':')
    api[namespace] ??= {}
    const target = api[namespace]
    target[method] = (request?: unknown) => invoke(name, request)
  }
  for (const name of eventNames) {
    const events = api.events ?? {}
    events[eventKey(name)] = (listener: (payload: unknown) => void) => subscribe(name, listener)
  }
  return api as unknown as ChannelApi & EventApi
}
