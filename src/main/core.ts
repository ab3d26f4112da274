import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { DocumentService } from './editor/document-service'
import { createDocumentService } from './editor/create'
import type { EngineFactory } from './editor/engine-holder'
import { defaultModelsDir } from './engine/runtime/models-dir'
import type { HandlerTable } from './ipc/handlers'
import { createHandlers } from './ipc/handlers'
import type { Dialogs } from './ipc/ports'

export interface Core {
  /** The open documents: what the handlers and the image routes serve. */
  readonly store: DocumentService
  readonly handlers: HandlerTable
  /** Saves pending histories and stops the inference worker. */
  close(): Promise<void>
}

export interface CoreOptions {
  readonly dialogs: Dialogs
  /** Where dropped bytes (no path) are kept while their document is open. */
  readonly importsDir: string
  /**
   * Histories, cached results and settings (Electron's userData in the app). Default: a fresh
   * temporary folder, so tests and throwaway bridges start clean.
   */
  readonly dataDir?: string
  /** Default: the checkout's resources/models. */
  readonly modelsDir?: string
  /** The bundled inference worker; default: inference-worker.js beside this bundle. */
  readonly workerPath?: string
  readonly cacheBudgetBytes?: number
  /** Default: the worker-backed RestorationEngine. */
  readonly engineFactory?: EngineFactory
  readonly log?: (message: string, error: unknown) => void
}

/**
 * Wires the plain-Node services together. The Electron shell, the loopback bridge and the
 * tests all start here, so they serve exactly the same handlers.
 */
export function createCore(options: CoreOptions): Core {
  const store = createDocumentService({
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'lucid-data-')),
    modelsDir: options.modelsDir ?? modelsDirOrGuess(),
    workerPath: options.workerPath ?? join(__dirname, 'inference-worker.js'),
    ...(options.cacheBudgetBytes !== undefined && { cacheBudgetBytes: options.cacheBudgetBytes }),
    ...(options.engineFactory && { engineFactory: options.engineFactory }),
    ...(options.log && { log: options.log })
  })
  return {
    store,
    handlers: createHandlers({
      documents: store,
      dialogs: options.dialogs,
      importsDir: options.importsDir
    }),
    close: () => store.dispose()
  }
}

/** The checkout's models; where none is found, jobs fail with MODEL_MISSING, not the start. */
function modelsDirOrGuess(): string {
  try {
    return defaultModelsDir()
  } catch {
    return join(process.cwd(), 'resources', 'models')
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
