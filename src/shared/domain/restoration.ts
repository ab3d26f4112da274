import { z } from 'zod'
import {
  DEBLUR_ENSEMBLE,
  DEFAULT_DEBLUR_QUALITY,
  DEFAULT_DEBLUR_STRENGTH,
  DEFAULT_DENOISE_STRENGTH,
  DEFAULT_LOWLIGHT_STRENGTH,
  DEFAULT_UPSCALE_QUALITY,
  DEFAULT_UPSCALE_STRENGTH,
  UPSCALE_ENSEMBLE
} from './tool-defaults'

/**
 * The restoration operations, the device choice and job progress: shared by the engine, the
 * `lucid` CLI and (later) the IPC contract, so every caller validates the same shapes.
 */

export const UPSCALE_FACTORS = [2, 3, 4, 8] as const
export const UPSCALE_QUALITIES = ['fast', 'balanced', 'best'] as const
export const DEBLUR_QUALITIES = ['balanced', 'best'] as const
export type UpscaleQuality = (typeof UPSCALE_QUALITIES)[number]
export type DeblurQuality = (typeof DEBLUR_QUALITIES)[number]

// tool-defaults.ts imports nothing (no cycle), so here is where its tables meet the levels:
// every quality level must have its number of passes.
DEBLUR_ENSEMBLE satisfies Record<DeblurQuality, number>
UPSCALE_ENSEMBLE satisfies Record<UpscaleQuality, number>

/** 0 = the input unchanged (or, for upscale, a Lanczos enlargement), 1 = the model's result. */
const strength = z.number().min(0).max(1)

/**
 * Fields added after steps and recipes were first stored (deblur's strength and quality,
 * upscale's strength) have defaults, so an old `{ op: 'deblur' }` still parses.
 */
export const RestorationOperationSchema = z.discriminatedUnion('op', [
  /** The whole image, or (with a mask passed beside the job) only the painted region. */
  z
    .object({
      op: z.literal('deblur'),
      strength: strength.default(DEFAULT_DEBLUR_STRENGTH),
      quality: z.enum(DEBLUR_QUALITIES).default(DEFAULT_DEBLUR_QUALITY)
    })
    .strict(),
  z
    .object({ op: z.literal('lowlight'), strength: strength.default(DEFAULT_LOWLIGHT_STRENGTH) })
    .strict(),
  z
    .object({
      op: z.literal('upscale'),
      scale: z.union(UPSCALE_FACTORS.map((f) => z.literal(f))),
      quality: z.enum(UPSCALE_QUALITIES).default(DEFAULT_UPSCALE_QUALITY),
      strength: strength.default(DEFAULT_UPSCALE_STRENGTH)
    })
    .strict(),
  z
    .object({ op: z.literal('denoise'), strength: strength.default(DEFAULT_DENOISE_STRENGTH) })
    .strict()
])
export type RestorationOperation = z.infer<typeof RestorationOperationSchema>
export type RestorationOp = RestorationOperation['op']

/** Execution providers Lucid knows, in onnxruntime-node's names. */
export const PROVIDERS = ['cuda', 'dml', 'coreml', 'cpu'] as const
export type ProviderName = (typeof PROVIDERS)[number]

/**
 * Where inference runs: `auto` tries the platform's GPU provider first and falls back to the
 * CPU; a named provider is tried alone before the CPU fallback; `gpu` picks a device index.
 */
export const DeviceChoiceSchema = z
  .object({
    kind: z.enum(['auto', 'cpu', 'cuda', 'directml', 'coreml']),
    gpuIndex: z.number().int().min(0).max(15).optional()
  })
  .strict()
export type DeviceChoice = z.infer<typeof DeviceChoiceSchema>
export const AUTO_DEVICE: DeviceChoice = { kind: 'auto' }

/** Parses the CLI/settings spelling: auto, cpu, cuda, cuda:1, directml, directml:0, coreml. */
export function parseDevice(text: string): DeviceChoice | null {
  const match = /^(auto|cpu|cuda|directml|coreml)(?::(\d{1,2}))?$/.exec(text.trim().toLowerCase())
  if (!match) return null
  const parsed = DeviceChoiceSchema.safeParse({
    kind: match[1],
    ...(match[2] === undefined ? {} : { gpuIndex: Number(match[2]) })
  })
  return parsed.success ? parsed.data : null
}

/** One progress report of a running job. */
export interface JobProgress {
  /** 0..1 of the whole job. */
  readonly fraction: number
  readonly tilesDone: number
  readonly tilesTotal: number
  /** Seconds left, once at least one tile has been timed. */
  readonly etaSeconds: number | null
  /** What the job is doing now, for people: "Deblurring", "Loading model", … */
  readonly stage: string
}
