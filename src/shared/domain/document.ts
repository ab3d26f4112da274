import { z } from 'zod'
import { DeviceChoiceSchema, PROVIDERS, RestorationOperationSchema } from './restoration'

export const imageFormats = ['jpeg', 'png', 'webp', 'tiff', 'avif', 'gif', 'heif'] as const
export const ImageFormatSchema = z.enum(imageFormats)
export type ImageFormat = z.infer<typeof ImageFormatSchema>

export const exportFormats = ['jpeg', 'png', 'webp', 'tiff', 'avif'] as const
export const ExportFormatSchema = z.enum(exportFormats)
export type ExportFormat = z.infer<typeof ExportFormatSchema>

export const ImageInfoSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: ImageFormatSchema,
  channels: z.number().int().min(1).max(4),
  hasAlpha: z.boolean(),
  fileBytes: z.number().int().nonnegative()
})
export type ImageInfo = z.infer<typeof ImageInfoSchema>

/** Auto-levels: stretch the luminance so the given percentiles map to black and white. */
export const AutoLevelsSchema = z.object({
  op: z.literal('autoLevels'),
  lowerPercentile: z.number().min(0).max(49).default(1),
  upperPercentile: z.number().min(51).max(100).default(99)
})

/**
 * Every edit operation, as a command record with its parameters (never pixels): auto levels
 * and the restoration operations. A deblur step with a mask deblurs only the painted region.
 */
export const EditOperationSchema = z.discriminatedUnion('op', [
  AutoLevelsSchema,
  ...RestorationOperationSchema.options
])
export type EditOperation = z.infer<typeof EditOperationSchema>
export type EditOperationInput = z.input<typeof EditOperationSchema>

export const StepSchema = z.object({
  id: z.string(),
  /** For people: "Deblur (painted region)", "Upscale ×2 · balanced". */
  label: z.string(),
  operation: EditOperationSchema,
  /** Whether the step has a mask (stored with the history, not sent back). */
  masked: z.boolean(),
  createdAt: z.number(),
  /** The result's size, which upscaling changes. */
  width: z.number().int().positive(),
  height: z.number().int().positive()
})
export type Step = z.infer<typeof StepSchema>

/** What the renderer knows of an open photo. `revision` changes whenever the pixels do. */
export const DocumentStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  info: ImageInfoSchema,
  steps: z.array(StepSchema),
  /** How many of `steps` are applied; the rest form the redo branch. */
  cursor: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Size of the current result (the original's size before any upscale). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** True when the history was restored from disk on open. */
  restored: z.boolean()
})
export type DocumentState = z.infer<typeof DocumentStateSchema>

export const ExportResultSchema = z.object({
  path: z.string(),
  format: ExportFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive()
})
export type ExportResult = z.infer<typeof ExportResultSchema>

export const JobProgressSchema = z.object({
  docId: z.string(),
  label: z.string(),
  /** What is happening now: "Loading model", "Deblurring", "Encoding". */
  stage: z.string(),
  /** 0..1 */
  fraction: z.number().min(0).max(1),
  tilesDone: z.number().int().nonnegative(),
  tilesTotal: z.number().int().nonnegative(),
  /** Seconds left, once known. */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Whether the running job can be cancelled (edit:cancel). */
  cancellable: z.boolean(),
  done: z.boolean()
})
export type JobProgress = z.infer<typeof JobProgressSchema>

/** Where a job will run and about how long it will take, shown before running it. */
export const EstimateSchema = z.object({
  provider: z.enum(PROVIDERS),
  /** For people: "CPU (2 threads)", "NVIDIA GeForce RTX 4070 (CUDA)". */
  device: z.string(),
  /** Null when nothing is known yet to estimate from. */
  seconds: z.number().nonnegative().nullable(),
  /** Why the GPU will not be used, when it will not. */
  fallbackReason: z.string().optional()
})
export type Estimate = z.infer<typeof EstimateSchema>

export const SettingsSchema = z.strictObject({
  device: DeviceChoiceSchema
})
export type Settings = z.infer<typeof SettingsSchema>

/** Export options beyond the format: what the export dialog asks. */
export const ExportOptionsSchema = z.strictObject({
  format: ExportFormatSchema.default('jpeg'),
  quality: z.number().int().min(1).max(100).default(90),
  /** 16 only for PNG and TIFF. */
  bitDepth: z.union([z.literal(8), z.literal(16)]).default(8),
  keepMetadata: z.boolean().default(true),
  /** Embed the photo's own ICC profile, or convert to sRGB. */
  colourProfile: z.enum(['original', 'srgb']).default('original')
})
export type ExportOptions = z.infer<typeof ExportOptionsSchema>

export const menuCommands = [
  'open',
  'export',
  'undo',
  'redo',
  'fit',
  'actualSize',
  'zoomIn',
  'zoomOut',
  'toggleCompare',
  'toggleMask'
] as const
export const MenuCommandSchema = z.object({ command: z.enum(menuCommands) })
export type MenuCommand = z.infer<typeof MenuCommandSchema>['command']
