import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { DocumentState, EditOperation, ImageInfo } from '../../shared/domain/document'
import { LucidError } from '../../shared/ipc/errors'
import { decodeImage, probeImage } from './decode'
import type { EncodedImage } from './encode'
import { encodePreview } from './encode'
import type { History } from './history'
import * as history from './history'
import { applyOperation, operationLabel } from './operations'
import type { RawImage } from './raw-image'

interface Entry {
  readonly id: string
  readonly sourcePath: string
  readonly name: string
  readonly info: ImageInfo
  readonly source: RawImage
  history: History
  revision: number
  rendered: { revision: number; image: RawImage } | undefined
  preview: { revision: number; encoded: EncodedImage } | undefined
  /** Serialises changes to one document so two quick clicks cannot interleave. */
  queue: Promise<unknown>
}

/**
 * The open documents: each a read-only source, an edit history of command records, and the
 * rendered result of its current step. The source file is only ever read.
 */
export class DocumentStore {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Opens an image. The whole file is decoded up front, so a damaged file fails here and
   * nothing is registered.
   *
   * @throws LucidError from probeImage/decodeImage
   */
  async open(sourcePath: string): Promise<DocumentState> {
    const info = await probeImage(sourcePath)
    const source = await decodeImage(sourcePath)
    const entry: Entry = {
      id: randomUUID(),
      sourcePath,
      name: basename(sourcePath),
      info,
      source,
      history: history.emptyHistory,
      revision: 0,
      rendered: { revision: 0, image: source },
      preview: undefined,
      queue: Promise.resolve()
    }
    this.entries.set(entry.id, entry)
    return this.stateOf(entry)
  }

  close(id: string): void {
    this.get(id)
    this.entries.delete(id)
  }

  state(id: string): DocumentState {
    return this.stateOf(this.get(id))
  }

  sourcePath(id: string): string {
    return this.get(id).sourcePath
  }

  /** Paths of every open original, which no export may overwrite. */
  sourcePaths(): string[] {
    return [...this.entries.values()].map((entry) => entry.sourcePath)
  }

  /** Applies an operation as a new step (dropping any redo branch) and renders it. */
  apply(id: string, operation: EditOperation): Promise<DocumentState> {
    return this.change(id, (h) =>
      history.push(h, {
        id: randomUUID(),
        label: operationLabel(operation),
        operation,
        createdAt: this.now()
      })
    )
  }

  undo(id: string): Promise<DocumentState> {
    return this.change(id, history.undo)
  }

  redo(id: string): Promise<DocumentState> {
    return this.change(id, history.redo)
  }

  /** The full-resolution pixels of the current step. */
  async render(id: string): Promise<RawImage> {
    const entry = this.get(id)
    return this.serial(entry, () => this.renderEntry(entry))
  }

  /**
   * The display preview of a document at a revision.
   *
   * @throws LucidError NOT_FOUND for an unknown document or a revision that is not current
   */
  async preview(id: string, revision: number): Promise<EncodedImage> {
    const entry = this.get(id)
    return this.serial(entry, async () => {
      if (revision !== entry.revision) {
        throw new LucidError('NOT_FOUND', `Revision ${revision} of ${entry.name} is not current`)
      }
      if (entry.preview?.revision === revision) return entry.preview.encoded
      const encoded = await encodePreview(await this.renderEntry(entry))
      entry.preview = { revision, encoded }
      return encoded
    })
  }

  private async change(id: string, update: (h: History) => History): Promise<DocumentState> {
    const entry = this.get(id)
    return this.serial(entry, async () => {
      const next = update(entry.history)
      if (next === entry.history) return this.stateOf(entry)
      const previous = {
        history: entry.history,
        revision: entry.revision,
        rendered: entry.rendered
      }
      entry.history = next
      entry.revision += 1
      try {
        await this.renderEntry(entry)
      } catch (error) {
        // A failed render changes nothing: the document stays at its previous step.
        Object.assign(entry, previous)
        throw error
      }
      return this.stateOf(entry)
    })
  }

  private async renderEntry(entry: Entry): Promise<RawImage> {
    if (entry.rendered?.revision === entry.revision) return entry.rendered.image
    let image = entry.source
    for (const operation of history.appliedOperations(entry.history)) {
      image = await applyOperation(image, operation)
    }
    entry.rendered = { revision: entry.revision, image }
    return image
  }

  private serial<T>(entry: Entry, task: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(task, task)
    entry.queue = run.catch(() => undefined)
    return run
  }

  private get(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw new LucidError('NOT_FOUND', 'That photo is no longer open')
    return entry
  }

  private stateOf(entry: Entry): DocumentState {
    return {
      id: entry.id,
      name: entry.name,
      info: entry.info,
      steps: [...entry.history.steps],
      cursor: entry.history.cursor,
      revision: entry.revision,
      canUndo: history.canUndo(entry.history),
      canRedo: history.canRedo(entry.history)
    }
  }
}
