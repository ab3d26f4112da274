import { mkdir, rm, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path'
import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract'
import { LucidError } from '../../shared/ipc/errors'
import type { BatchManager } from '../batch/batch-manager'
import type { PresetStore } from '../batch/presets'
import type { DocumentService } from '../editor/document-service'
import type { GalleryService } from '../gallery/gallery-service'
import type { ProgressSink } from '../editor/progress'
import { extensionFor, formatForPath } from '../engine/encode'
import { createBatchHandlers } from './batch-handlers'
import { createGalleryHandlers } from './gallery-handlers'
import type { CallContext, Dialogs } from './ports'

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  context: CallContext
) => Promise<ResponseOf<C>>

/** One handler per channel; the type makes a missing handler a compile error too. */
export type HandlerTable = { readonly [C in Channel]: Handler<C> }

export interface HandlerServices {
  readonly documents: DocumentService
  readonly gallery: GalleryService
  readonly batches: BatchManager
  readonly presets: PresetStore
  readonly dialogs: Dialogs
  /** Where dropped bytes (no path) are kept while their document is open. */
  readonly importsDir: string
}

/**
 * The handler table that both Electron's ipcMain and the loopback test bridge serve. Requests
 * arrive here already validated against the contract by the dispatcher.
 */
export function createHandlers(services: HandlerServices): HandlerTable {
  const { documents, dialogs, importsDir } = services
  const progressTo =
    ({ emit }: CallContext): ProgressSink =>
    (event) =>
      emit('job:progress', event)
  const isImport = (path: string): boolean => {
    const rel = relative(importsDir, path)
    return !rel.startsWith('..') && !isAbsolute(rel)
  }

  return {
    ...createGalleryHandlers(services),
    ...createBatchHandlers(services),
    'image:open': async (_, context) => {
      const path = await dialogs.chooseImageToOpen()
      return path === null ? null : documents.open(path, { onProgress: progressTo(context) })
    },

    'image:openPath': async ({ path }, context) => {
      if (!isAbsolute(path)) throw new LucidError('INVALID_ARGUMENT', 'Expected an absolute path')
      return documents.open(path, { onProgress: progressTo(context) })
    },

    'image:importBytes': async ({ name, bytes }) => {
      const folder = join(importsDir, randomUUID())
      await mkdir(folder, { recursive: true })
      // The schema guarantees a bare file name, so the copy keeps the name people dropped.
      const path = join(folder, name)
      try {
        await writeFile(path, bytes)
        // A copy in a fresh folder never comes back under the same path: keep no history.
        return await documents.open(path, { ephemeral: true })
      } catch (error) {
        await rm(folder, { recursive: true, force: true })
        throw error
      }
    },

    'image:close': async ({ docId }) => {
      const source = documents.sourcePath(docId)
      await documents.close(docId)
      // A dropped copy lives only as long as its document.
      if (isImport(source)) {
        await rm(dirname(source), { recursive: true, force: true })
      }
      return null
    },

    'image:export': async ({ docId, options }, { emit }) => {
      const state = documents.state(docId)
      const stem = basename(state.name, extname(state.name))
      const suggested = `${stem}_lucid.${extensionFor(options.format)}`
      const chosen = await dialogs.chooseExportPath(suggested, options.format)
      if (chosen === null) return null
      // The name the person typed decides the format; without a known extension, add one.
      const named = formatForPath(chosen)
      const target = named ? chosen : `${chosen}.${extensionFor(options.format)}`
      const progress = (stage: string, fraction: number): void => {
        emit('job:progress', {
          docId,
          label: 'Exporting',
          stage,
          fraction,
          tilesDone: 0,
          tilesTotal: 0,
          etaSeconds: null,
          cancellable: false,
          done: fraction >= 1
        })
      }
      progress('Encoding', 0)
      try {
        const result = await documents.export(docId, {
          target,
          options: { ...options, format: named ?? options.format }
        })
        progress('Done', 1)
        return result
      } catch (error) {
        progress('Export failed', 1)
        throw error
      }
    },

    'edit:apply': ({ docId, operation, mask }, context) =>
      documents.apply(docId, operation, mask, progressTo(context)),
    'edit:cancel': ({ docId }) => {
      documents.cancel(docId)
      return Promise.resolve(null)
    },
    'edit:undo': ({ docId }, context) => documents.undo(docId, progressTo(context)),
    'edit:redo': ({ docId }, context) => documents.redo(docId, progressTo(context)),
    'edit:jumpTo': ({ docId, cursor }, context) =>
      documents.jumpTo(docId, cursor, progressTo(context)),
    'engine:estimate': ({ docId, operation, mask }) => documents.estimate(docId, operation, mask),
    'settings:get': () => documents.settings(),
    'settings:set': (settings) => documents.setSettings(settings)
  }
}
