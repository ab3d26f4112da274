import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isLucidError } from '../../../shared/ipc/errors'
import type { Editor } from '../../editor/create'
import type { RawImage } from '../../engine/raw-image'
import { cropPixels, writeCropPng } from './soak-photos'
import type { SoakJob } from './soak-plan'

/** How a job ended: `cancelled` only when the plan cancelled it; any other error is `failed`. */
export type JobOutcome = 'done' | 'cancelled' | 'failed'

export interface JobResult {
  readonly outcome: JobOutcome
  readonly error?: string
}

/** What a job runs against: one editor for the whole soak, as the app has one. */
export interface SoakContext {
  readonly editor: Editor
  readonly photos: readonly RawImage[]
  /** Where the document route writes its crops before opening them. */
  readonly filesDir: string
}

/** Runs one planned job on its route and checks the result's size. Never throws. */
export async function runSoakJob(context: SoakContext, job: SoakJob): Promise<JobResult> {
  try {
    const size =
      job.route === 'engine' ? await engineJob(context, job) : await documentJob(context, job)
    const expected = expectedSize(job)
    if (size.width !== expected.width || size.height !== expected.height) {
      const got = `${size.width}×${size.height}`
      return {
        outcome: 'failed',
        error: `Expected ${expected.width}×${expected.height}, got ${got}`
      }
    }
    return { outcome: 'done' }
  } catch (error) {
    if (isLucidError(error) && error.code === 'CANCELLED' && job.cancelAfterProgress !== null) {
      return { outcome: 'cancelled' }
    }
    return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) }
  }
}

/** The engine route, as batches and the CLI use it; the result's size. */
async function engineJob(context: SoakContext, job: SoakJob): Promise<Size> {
  const image = await cropPixels(photoOf(context, job), job.crop, job.alpha)
  const controller = new AbortController()
  const cancelAt = job.cancelAfterProgress
  if (cancelAt === 0) controller.abort()
  let updates = 0
  const outcome = await context.editor.engine.run(
    { operation: job.operation, image },
    {
      signal: controller.signal,
      onProgress: () => {
        updates += 1
        if (updates === cancelAt) controller.abort()
      }
    }
  )
  return outcome.image
}

/**
 * The editor route: open the crop as a photo, apply the operation as a step (with the viewer's
 * preview), then the plan's script of undo, redo or close-and-reopen, and close. The crop file
 * is deleted afterwards; a normal document's history stays in the data folder, as it would.
 */
async function documentJob(context: SoakContext, job: SoakJob): Promise<Size> {
  const { documents } = context.editor
  const path = join(context.filesDir, `doc-${job.index}.png`)
  await writeCropPng(photoOf(context, job), job.crop, job.alpha, path)
  try {
    let doc = await documents.open(path, { ephemeral: job.ephemeral })
    const cancelAt = job.cancelAfterProgress
    let events = 0
    let size: Size
    try {
      const applied = await documents.apply(doc.id, job.operation, undefined, () => {
        // The first event is the editor's own "Starting", sent before the engine is called.
        events += 1
        if (cancelAt !== null && events === cancelAt + 1) documents.cancel(doc.id)
      })
      size = applied
      await documents.preview(doc.id, applied.revision)
      if (job.script === 'reopen') {
        await documents.close(doc.id)
        doc = await documents.open(path)
        if (doc.cursor !== 1) throw new Error(`Reopened at step ${doc.cursor}, expected 1`)
        await documents.preview(doc.id, doc.revision)
      } else if (job.script === 'apply-undo-redo') {
        await documents.undo(doc.id)
        const redone = await documents.redo(doc.id)
        await documents.preview(doc.id, redone.revision)
      }
      const undone = await documents.undo(doc.id)
      await documents.preview(doc.id, undone.revision)
    } finally {
      await documents.close(doc.id)
    }
    return size
  } finally {
    await rm(path, { force: true })
  }
}

interface Size {
  readonly width: number
  readonly height: number
}

function expectedSize(job: SoakJob): Size {
  const scale = job.operation.op === 'upscale' ? job.operation.scale : 1
  return { width: job.crop.width * scale, height: job.crop.height * scale }
}

function photoOf(context: SoakContext, job: SoakJob): RawImage {
  const photo = context.photos[job.photo]
  if (!photo) throw new Error(`The soak has no photo ${job.photo}`)
  return photo
}
