import { z } from 'zod'

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

/** Every edit operation, as a command record with its parameters (never pixels). */
export const EditOperationSchema = z.discriminatedUnion('op', [AutoLevelsSchema])
export type EditOperation = z.infer<typeof EditOperationSchema>
export type EditOperationInput = z.input<typeof EditOperationSchema>

export const StepSchema = z.object({
  id: z.string(),
  label: z.string(),
  operation: EditOperationSchema,
  createdAt: z.number()
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
  canRedo: z.boolean()
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
  /** 0..1 */
  fraction: z.number().min(0).max(1),
  done: z.boolean()
})
export type JobProgress = z.infer<typeof JobProgressSchema>

export const menuCommands = ['open', 'export', 'undo', 'redo', 'fit', 'actualSize'] as const
export const MenuCommandSchema = z.object({ command: z.enum(menuCommands) })
export type MenuCommand = z.infer<typeof MenuCommandSchema>['command']
