import { DocumentStore } from './engine/document-store'
import type { HandlerTable } from './ipc/handlers'
import { createHandlers } from './ipc/handlers'
import type { Dialogs } from './ipc/ports'

export interface Core {
  readonly store: DocumentStore
  readonly handlers: HandlerTable
}

/**
 * Wires the plain-Node services together. The Electron shell, the loopback bridge and the
 * tests all start here, so they serve exactly the same handlers.
 */
export function createCore(options: { dialogs: Dialogs; importsDir: string }): Core {
  const store = new DocumentStore()
  return {
    store,
    handlers: createHandlers({ store, dialogs: options.dialogs, importsDir: options.importsDir })
  }
}

/** scheme://host[:port] of a URL, also for custom schemes (whose WHATWG origin is "null"). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null
  } catch {
    return null
  }
}
