import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { BatchManager } from './batch/batch-manager'
import { PresetStore } from './batch/presets'
import type { DocumentService } from './editor/document-service'
import { createEditor } from './editor/create'
import type { EngineFactory } from './editor/engine-holder'
import type { TempCleanup } from './engine/orphan-cleanup'
import { cleanOrphanedTempFiles } from './engine/orphan-cleanup'
import { defaultModelsDir } from './engine/runtime/models-dir'
import { TempJournal, journalDir, useTempJournal } from './engine/temp-journal'
import { GalleryService } from './gallery/gallery-service'
import { ThumbnailCache } from './gallery/thumbnail-cache'
import type { HandlerTable } from './ipc/handlers'
import { createHandlers } from './ipc/handlers'
import type { Dialogs } from './ipc/ports'
import type { ImageSource } from './serve/image-routes'

export interface Core {
  /** The open documents: what the handlers and the image routes serve. */
  readonly store: DocumentService
  /** The open galleries (folders and dropped sets of photos). */
  readonly gallery: GalleryService
  /** What the image routes serve: the documents' pixels and the galleries' thumbnails. */
  readonly images: ImageSource
  readonly handlers: HandlerTable
  /**
   * Resolves once the temporary files of processes killed mid-write (this data folder's temp
   * journals and leftovers) are deleted; it runs in the background and never rejects.
   */
  readonly tempCleanup: Promise<TempCleanup>
  /** Cancels running batches, closes the galleries, saves pending histories, stops the worker. */
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
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lucid-data-'))
  // Every atomic write of this process is journaled from here on; what a killed earlier
  // process left is deleted meanwhile (live processes' files are never touched).
  useTempJournal(new TempJournal(journalDir(dataDir)))
  const tempCleanup = cleanOrphanedTempFiles(dataDir).catch((error: unknown) => {
    options.log?.('Could not clean up temporary files', error)
    return { removed: [], journals: 0 }
  })
  const {
    documents: store,
    histories,
    engine
  } = createEditor({
    dataDir,
    modelsDir: options.modelsDir ?? modelsDirOrGuess(),
    workerPath: options.workerPath ?? join(__dirname, 'inference-worker.js'),
    ...(options.cacheBudgetBytes !== undefined && { cacheBudgetBytes: options.cacheBudgetBytes }),
    ...(options.engineFactory && { engineFactory: options.engineFactory }),
    ...(options.log && { log: options.log })
  })
  const gallery = new GalleryService({
    thumbnails: new ThumbnailCache({
      cacheDir: join(dataDir, 'thumbnails'),
      ...(options.log && { log: options.log })
    }),
    histories
  })
  const batches = new BatchManager({ engine, histories, ...(options.log && { log: options.log }) })
  const images: ImageSource = {
    preview: (docId, revision) => store.preview(docId, revision),
    original: (docId) => store.original(docId),
    region: (docId, revision, rect, out) => store.region(docId, revision, rect, out),
    thumb: (docId, stepId) => store.thumb(docId, stepId),
    gallery: { thumbnail: (galleryId, itemId) => gallery.thumbnail(galleryId, itemId) }
  }
  return {
    store,
    gallery,
    images,
    tempCleanup,
    handlers: createHandlers({
      documents: store,
      gallery,
      batches,
      presets: new PresetStore(dataDir),
      dialogs: options.dialogs,
      importsDir: options.importsDir
    }),
    close: async () => {
      await batches.close()
      gallery.closeAll()
      await store.dispose()
      await tempCleanup
    }
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
