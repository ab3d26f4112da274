import { ipcMain } from 'electron'
import { channelNames } from '../../shared/ipc/names'
import { fail } from '../../shared/ipc/errors'
import { originOf } from '../core'
import type { HandlerTable } from '../ipc/handlers'
import { createDispatcher } from '../ipc/dispatch'

/**
 * Registers every contract channel on ipcMain through the dispatcher, which checks the sender
 * frame's origin and validates the request before the handler runs.
 */
export function registerIpc(handlers: HandlerTable, trustedOrigins: readonly string[]): void {
  const dispatch = createDispatcher(handlers, { trustedOrigins })
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, request: unknown) => {
      const frame = event.senderFrame
      // Only the top-level frame of our own page may call; subframes never exist in Lucid.
      if (!frame || frame.parent !== null) {
        return fail('FORBIDDEN_SENDER', 'Calls from subframes are not allowed')
      }
      return dispatch(channel, request, {
        origin: originOf(frame.url),
        emit: (name, payload) => {
          if (!event.sender.isDestroyed()) event.sender.send(name, payload)
        }
      })
    })
  }
}
