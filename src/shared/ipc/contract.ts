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
  'settings:get': channel(z.undefined(), SettingsSchema),
  /** Saves the settings (persisted); the next job uses the new device. */
  'settings:set': channel(SettingsSchema, SettingsSchema)
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>

export const events = {
  'job:progress': JobProgressSchema,
  'menu:command': MenuCommandSchema
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
