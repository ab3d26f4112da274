import type { Channel } from '../../shared/ipc/contract'
import { channels, isChannel } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/errors'
import { LucidError, fail, ok } from '../../shared/ipc/errors'
import { parseOrThrow } from '../../shared/ipc/validate'
import type { Handler, HandlerTable } from './handlers'
import type { CallContext } from './ports'

export interface Caller extends CallContext {
  /** Origin of the calling frame (scheme://host[:port]), or null when unknown. */
  readonly origin: string | null
}

export type Dispatch = (
  channel: string,
  request: unknown,
  caller: Caller
) => Promise<Result<unknown>>

export interface DispatchOptions {
  /** Origins whose frames may call main: the app's own page, nothing else. */
  readonly trustedOrigins: readonly string[]
  readonly log?: (message: string, error: unknown) => void
}

/**
 * Wraps the handler table with the checks every call goes through, in order: known channel,
 * trusted sender origin, request schema. Only then does the handler run. Every outcome is a
 * Result; nothing a caller sends can throw out of here.
 */
export function createDispatcher(handlers: HandlerTable, options: DispatchOptions): Dispatch {
  const trusted = new Set(options.trustedOrigins)
  const log = options.log ?? ((message, error) => console.error(message, error))

  return async (channel, request, caller) => {
    if (!isChannel(channel))
      return fail('UNKNOWN_CHANNEL', `Unknown channel ${channel.slice(0, 80)}`)
    if (caller.origin === null || !trusted.has(caller.origin)) {
      return fail(
        'FORBIDDEN_SENDER',
        `Calls from ${caller.origin ?? 'an unknown origin'} are not allowed`
      )
    }
    try {
      const parsed: unknown = parseOrThrow(
        channels[channel].request,
        request,
        `request for ${channel}`
      )
      const handler = handlers[channel] as Handler<Channel>
      const response = await handler(parsed as never, caller)
      return ok(checkResponse(channel, response))
    } catch (error) {
      if (error instanceof LucidError) return fail(error.code, error.message)
      log(`Unexpected error in ${channel}`, error)
      return fail('INTERNAL', 'Something went wrong inside Lucid; the photo was not changed')
    }
  }
}

/** Responses are checked too: a handler returning the wrong shape is a bug we want loudly. */
function checkResponse(channel: Channel, response: unknown): unknown {
  const result = channels[channel].response.safeParse(response)
  if (!result.success) throw new Error(`Handler for ${channel} returned an invalid response`)
  return result.data
}
