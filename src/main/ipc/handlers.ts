import { mkdir, rm, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path'
import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract'
import { LucidError } from '../../shared/ipc/errors'
import type { DocumentStore } from '../engine/document-store'
import { extensionFor, formatForPath } from '../engine/encode'
import { exportImage } from '../engine/export-image'
import type { CallContext, Dialogs } from './ports'

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  context: CallContext
) => Promise<ResponseOf<C>>

/** One handler per channel; the type makes a missing handler a compile error too. */
export type HandlerTable = { readonly [C in Channel]: Handler<C> }

export interface HandlerServices {
  readonly store: DocumentStore
  readonly dialogs: Dialogs
  /** Where dropped bytes (no path) are kept while their document is open. */
  readonly importsDir: string
}

/**
 * The handler table that both Electron's ipcMain and the loopback test bridge serve. Requests
 * arrive here already validated against the contract by the dispatcher.
 */
export function createHandlers({ store, dialogs, importsDir }: HandlerServices): HandlerTable {
  return {
    'image:open': async () => {
      const path = await dialogs.chooseImageToOpen()
      return path === null ? null : store.open(path)
    },

    'image:openPath': async ({ path }) => {
      if (!isAbsolute(path)) throw new LucidError('INVALID_ARGUMENT', 'Expected an absolute path')
      return store.open(path)
    },

    'image:importBytes': async ({ name, bytes }) => {
      const folder = join(importsDir, randomUUID())
      await mkdir(folder, { recursive: true })
      // The schema guarantees a bare file name, so the copy keeps the name people dropped.
      const path = join(folder, name)
      try {
        await writeFile(path, bytes)
        return await store.open(path)
      } catch (error) {
        await rm(folder, { recursive: true, force: true })
        throw error
      }
    },

    'image:close': async ({ docId }) => {
      const source = store.sourcePath(docId)
      store.close(docId)
      // A dropped copy lives only as long as its document.
      const rel = relative(importsDir, source)
      if (!rel.startsWith('..') && !isAbsolute(rel)) {
        await rm(dirname(source), { recursive: true, force: true })
      }
      return null
    },

    'image:export': async ({ docId, format, quality }, { emit }) => {
      const state = store.state(docId)
      const stem = basename(state.name, extname(state.name))
      const chosen = await dialogs.chooseExportPath(`${stem}_lucid.${extensionFor(format)}`, format)
      if (chosen === null) return null
      // The name the person typed decides the format; without a known extension, add one.
      const named = formatForPath(chosen)
      const target = named ? chosen : `${chosen}.${extensionFor(format)}`
      const progress = (fraction: number): void => {
        emit('job:progress', { docId, label: 'Exporting', fraction, done: fraction >= 1 })
      }
      progress(0)
      try {
        return await exportImage({
          image: await store.render(docId),
          target,
          format: named ?? format,
          quality,
          protectedPaths: store.sourcePaths(),
          onProgress: progress
        })
      } catch (error) {
        emit('job:progress', { docId, label: 'Export failed', fraction: 1, done: true })
        throw error
      }
    },

    'edit:apply': ({ docId, operation }) => store.apply(docId, operation),
    'edit:undo': ({ docId }) => store.undo(docId),
    'edit:redo': ({ docId }) => store.redo(docId)
  }
}
