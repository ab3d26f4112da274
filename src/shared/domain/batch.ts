import { z } from 'zod'
import { errorCodes } from '../ipc/errors'
import { ExportFormatSchema } from './document'
import { MAX_PATH_LENGTH } from './limits'

/**
 * A batch: one recipe over many photos, written to a folder. These are the plain shapes the
 * batch runner emits and returns; the CLI prints them as JSON lines and the app will send them
 * over IPC, so each has a schema.
 */

/** What to do when an output name is already taken on disk. */
export const ExistPolicySchema = z.enum(['unique', 'skip', 'overwrite'])
export type ExistPolicy = z.infer<typeof ExistPolicySchema>

export const NAME_PLACEHOLDERS = ['{name}', '{ext}', '{index}'] as const
export const DEFAULT_NAME_TEMPLATE = '{name}_lucid.{ext}'

/**
 * Why an output name template cannot be used, or null when it can: it must give a plain file
 * name (no folder, not hidden) and use only {name}, {ext} and {index}.
 */
export function nameTemplateProblem(template: string): string | null {
  if (template.trim().length === 0) return 'The name template is empty'
  if (/[/\\\0]/.test(template)) {
    return `The name template must give a plain file name, not a path ("${template}")`
  }
  if (template.startsWith('.')) return `The name template must not start with "." ("${template}")`
  const unknown = (template.match(/\{[^}]*\}/g) ?? []).filter(
    (p) => !(NAME_PLACEHOLDERS as readonly string[]).includes(p)
  )
  if (unknown.length > 0) {
    return `Unknown placeholder ${unknown[0] ?? ''} in the name template: use {name}, {ext} or {index}`
  }
  return null
}

export const NameTemplateSchema = z
  .string()
  .max(255)
  .superRefine((template, context) => {
    const problem = nameTemplateProblem(template)
    if (problem) context.addIssue({ code: 'custom', message: problem })
  })

/** Where and how a batch writes its results. */
export const BatchOutputSettingsSchema = z.strictObject({
  /** Absolute path of the folder the results go to (created if missing). */
  folder: z
    .string()
    .min(1)
    .max(MAX_PATH_LENGTH)
    .refine((s) => !s.includes('\0'), 'Path must not contain NUL bytes'),
  nameTemplate: NameTemplateSchema.default(DEFAULT_NAME_TEMPLATE),
  /** 'original': each photo's own format, PNG where that cannot be written (GIF, HEIF). */
  format: z.union([ExportFormatSchema, z.literal('original')]).default('original'),
  onExist: ExistPolicySchema.default('unique'),
  quality: z.number().int().min(1).max(100).default(92),
  keepMetadata: z.boolean().default(true),
  colourProfile: z.enum(['original', 'srgb']).default('original')
})
export type BatchOutputSettings = z.infer<typeof BatchOutputSettingsSchema>

export const BatchStateSchema = z.enum(['running', 'paused', 'cancelling', 'done', 'cancelled'])
export type BatchState = z.infer<typeof BatchStateSchema>

const count = z.number().int().nonnegative()

/** The whole batch at one moment. */
export const BatchProgressSchema = z.strictObject({
  done: count,
  failed: count,
  skipped: count,
  total: count,
  /** 0..1 of the batch, counting the in-flight photos' own progress. */
  fraction: z.number().min(0).max(1),
  /** Seconds left from the measured rate; null until the first photo has finished. */
  etaSeconds: z.number().nonnegative().nullable(),
  state: BatchStateSchema
})
export type BatchProgress = z.infer<typeof BatchProgressSchema>

/** Which photo an event is about: its place in the batch and its path. */
const itemRef = { index: count, input: z.string() }

export const BatchFailureSchema = z.strictObject({
  ...itemRef,
  code: z.enum(errorCodes),
  message: z.string()
})
export type BatchFailure = z.infer<typeof BatchFailureSchema>

export const BatchSkipSchema = z.strictObject({ ...itemRef, reason: z.string() })
export type BatchSkip = z.infer<typeof BatchSkipSchema>

export const BatchDoneItemSchema = z.strictObject({ ...itemRef, output: z.string() })
export type BatchDoneItem = z.infer<typeof BatchDoneItemSchema>

/** Everything a runner reports while it works, one discriminated union for one event channel. */
export const BatchEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('item-start'), ...itemRef }),
  z.strictObject({
    type: z.literal('item-progress'),
    ...itemRef,
    fraction: z.number().min(0).max(1),
    stage: z.string().optional()
  }),
  BatchDoneItemSchema.extend({ type: z.literal('item-done') }),
  BatchFailureSchema.extend({ type: z.literal('item-failed') }),
  BatchSkipSchema.extend({ type: z.literal('item-skipped') }),
  /** In flight when the batch was cancelled, and stopped: neither done nor failed. */
  z.strictObject({ type: z.literal('item-cancelled'), ...itemRef }),
  BatchProgressSchema.extend({ type: z.literal('batch-progress') })
])
export type BatchEvent = z.infer<typeof BatchEventSchema>

/** How a batch ended: every result, every failure with its reason, every skip. */
export const BatchSummarySchema = z.strictObject({
  state: z.enum(['done', 'cancelled']),
  total: count,
  done: z.array(BatchDoneItemSchema),
  failed: z.array(BatchFailureSchema),
  skipped: z.array(BatchSkipSchema),
  /** Photos that never finished because the batch was cancelled. */
  notRun: count,
  seconds: z.number().nonnegative()
})
export type BatchSummary = z.infer<typeof BatchSummarySchema>

/** A named recipe the user keeps, e.g. "Night walk" → "lowlight:0.8,denoise:0.5". */
export const RecipePresetSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  /** Recipe text (see parseRecipe), stored in formatRecipe's normal form. */
  recipe: z.string().min(1).max(1000)
})
export type RecipePreset = z.infer<typeof RecipePresetSchema>
