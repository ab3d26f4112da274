import { z } from 'zod'
import {
  DocumentStateSchema,
  EditOperationSchema,
  EstimateSchema,
  ExportOptionsSchema,
  ExportResultSchema,
  JobProgressSchema,
  MenuCommandSchema,
  SettingsSchema
} from '../domain/document'
import { MaskSchema } from '../domain/mask'
import {
  BatchEventSchema,
  BatchOutputSettingsSchema,
  BatchSummarySchema,
  RecipePresetSchema
} from '../domain/batch'
import {
  GalleryIdSchema,
  GalleryItemIdSchema,
  GalleryStateSchema,
  ThumbnailReadyEventSchema
} from '../domain/gallery'
import { MAX_IMPORT_BYTES, MAX_PATH_LENGTH } from '../domain/limits'
import type { ChannelName, EventNameOf } from './names'

/**
 * The IPC contract: every channel main serves, with the runtime schema of its request and
 * response, and every event main pushes to the renderer. Electron's ipcMain, the loopback test
 * bridge, the preload and the renderer's client are all generated from these two maps, and
 * `contract.test.ts` fails if a channel lacks a schema or a handler.
 *
 * Channel names are `namespace:method`; the preload exposes them as
 * `window.lucid.namespace.method(request)`.
 */

const DocId = z.uuid({ error: 'Expected a document id (uuid)' })
const DocRef = z.strictObject({ docId: DocId })

const FilePath = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((s) => !s.includes('\0'), 'Path must not contain NUL bytes')

const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/\0]/.test(s) && s !== '.' && s !== '..', 'Expected a file name, not a path')

const GalleryRef = z.strictObject({ galleryId: GalleryIdSchema })
const BatchRef = z.strictObject({ batchId: z.uuid() })

/** What a batch applies: a recipe, or each photo's own saved edit history. */
const BatchRecipeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recipe'), text: z.string().min(1).max(1000) }),
  z.strictObject({ kind: z.literal('history') })
])

const Bytes = z
  .instanceof(Uint8Array, { error: 'Expected bytes (Uint8Array)' })
  .refine((b) => b.byteLength > 0, 'Expected a non-empty file')
  .refine((b) => b.byteLength <= MAX_IMPORT_BYTES, `File is larger than ${MAX_IMPORT_BYTES} bytes`)

function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res
): { request: Req; response: Res } {
  return { request, response }
}

export const channels = {
  /** Shows the open dialog; null when the person cancels. */
  'image:open': channel(z.undefined(), DocumentStateSchema.nullable()),
  /** Opens a file the person dropped on the window (Electron knows its path). */
  'image:openPath': channel(z.strictObject({ path: FilePath }), DocumentStateSchema),
  /** Opens dropped bytes that have no path (an image dragged from a browser, the test bridge). */
  'image:importBytes': channel(
    z.strictObject({ name: FileName, bytes: Bytes }),
    DocumentStateSchema
  ),
  'image:close': channel(DocRef, z.null()),
  /**
   * Shows the save dialog and writes the current result atomically; null when cancelled. The
   * dialog confirms replacing an existing file; the photo's original is never written.
   */
  'image:export': channel(
    z.strictObject({ docId: DocId, options: ExportOptionsSchema.prefault({}) }),
    ExportResultSchema.nullable()
  ),
  /**
   * Runs an operation as a new step (dropping any redo branch). Progress streams as
   * job:progress; edit:cancel stops it and leaves the history as it was. `mask` is for deblur.
   */
  'edit:apply': channel(
    z.strictObject({ docId: DocId, operation: EditOperationSchema, mask: MaskSchema.optional() }),
    DocumentStateSchema
  ),
  /** Cancels the document's running job, if any (its edit:apply then fails with CANCELLED). */
  'edit:cancel': channel(DocRef, z.null()),
  'edit:undo': channel(DocRef, DocumentStateSchema),
  'edit:redo': channel(DocRef, DocumentStateSchema),
  /** Moves to a step of the history: 0 = the original, steps.length = the last step. */
  'edit:jumpTo': channel(
    z.strictObject({ docId: DocId, cursor: z.number().int().min(0).max(100_000) }),
    DocumentStateSchema
  ),
  /** Where an operation would run on this document and about how long it would take. */
  'engine:estimate': channel(
    z.strictObject({ docId: DocId, operation: EditOperationSchema, mask: MaskSchema.optional() }),
    EstimateSchema
  ),
  /** Shows the folder dialog and lists its photos; null when cancelled. */
  'gallery:open': channel(z.undefined(), GalleryStateSchema.nullable()),
  /** Lists a folder the person dropped on the window (Electron knows its path). */
  'gallery:openPath': channel(z.strictObject({ path: FilePath }), GalleryStateSchema),
  /** A gallery of photos the person dropped together (not a folder). */
  'gallery:openFiles': channel(
    z.strictObject({ paths: z.array(FilePath).min(1).max(10_000) }),
    GalleryStateSchema
  ),
  /** The gallery again, with fresh history badges. */
  'gallery:state': channel(GalleryRef, GalleryStateSchema),
  /** The items on screen: their thumbnails are made first. */
  'gallery:setVisible': channel(
    z.strictObject({ galleryId: GalleryIdSchema, itemIds: z.array(GalleryItemIdSchema).max(2000) }),
    z.null()
  ),
  /** Opens one of the gallery's photos in the editor. */
  'gallery:openItem': channel(
    z.strictObject({ galleryId: GalleryIdSchema, itemId: GalleryItemIdSchema }),
    DocumentStateSchema
  ),
  'gallery:close': channel(GalleryRef, z.null()),
  /** Shows a folder dialog for a batch's output; null when cancelled. */
  'batch:chooseFolder': channel(z.undefined(), z.strictObject({ path: z.string() }).nullable()),
  /**
   * Starts a batch over some of a gallery's photos: a recipe (e.g. "lowlight:0.8,upscale:2")
   * or each photo's own edit history. Progress arrives as batch:event, the end as batch:finished.
   */
  'batch:start': channel(
    z.strictObject({
      galleryId: GalleryIdSchema,
      itemIds: z.array(GalleryItemIdSchema).min(1).max(20_000),
      recipe: BatchRecipeSchema,
      output: BatchOutputSettingsSchema
    }),
    z.strictObject({ batchId: z.uuid() })
  ),
  'batch:pause': channel(BatchRef, z.null()),
  'batch:resume': channel(BatchRef, z.null()),
  'batch:cancel': channel(BatchRef, z.null()),
  'presets:list': channel(z.undefined(), z.array(RecipePresetSchema)),
  /** Saves (or replaces, by name) a preset; returns them all. */
  'presets:save': channel(RecipePresetSchema, z.array(RecipePresetSchema)),
  'presets:delete': channel(
    z.strictObject({ name: z.string().min(1).max(80) }),
    z.array(RecipePresetSchema)
  ),
  /**
   * Drag-and-drop enhancement: applies a recipe to dropped photos and writes the results beside
   * them (or to `folder`), with no dialog. Progress as for a batch.
   */
  'enhance:paths': channel(
    z.strictObject({
      paths: z.array(FilePath).min(1).max(10_000),
      recipe: z.string().min(1).max(1000),
      folder: FilePath.optional()
    }),
    z.strictObject({ batchId: z.uuid() })
  ),
  /** The same for dropped bytes without a path (from a browser): `folder` is required. */
  'enhance:bytes': channel(
    z.strictObject({
      files: z
        .array(z.strictObject({ name: FileName, bytes: Bytes }))
        .min(1)
        .max(50),
      recipe: z.string().min(1).max(1000),
      folder: FilePath
    }),
    z.strictObject({ batchId: z.uuid() })
  ),
  'settings:get': channel(z.undefined(), SettingsSchema),
  /** Saves the settings (persisted); the next job uses the new device. */
  'settings:set': channel(SettingsSchema, SettingsSchema)
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>

export const events = {
  'job:progress': JobProgressSchema,
  'menu:command': MenuCommandSchema,
  'gallery:thumbnail': ThumbnailReadyEventSchema,
  'batch:event': z.object({ batchId: z.string(), event: BatchEventSchema }),
  'batch:finished': z.object({ batchId: z.string(), summary: BatchSummarySchema })
} as const satisfies Record<EventNameOf, z.ZodType>

export type Channels = typeof channels
export type Channel = keyof Channels
export type EventName = keyof typeof events

/** What a caller passes (defaults not yet applied). */
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>
/** What a handler receives (validated, defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name)
}
