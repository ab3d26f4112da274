import { z } from 'zod'

/**
 * The restoration operations, the device choice and job progress: shared by the engine, the
 * `lucid` CLI and (later) the IPC contract, so every caller validates the same shapes.
 */

export const UPSCALE_FACTORS = [2, 3, 4, 8] as const
export const UPSCALE_QUALITIES = ['fast', 'balanced', 'best'] as const

const strength = z.number().min(0).max(1)

export const RestorationOperationSchema = z.discriminatedUnion('op', [
  /** The whole image, or (with a mask passed beside the job) only the painted region. */
  z.object({ op: z.literal('deblur') }).strict(),
  z.object({ op: z.literal('lowlight'), strength: strength.default(1) }).strict(),
  z
    .object({
      op: z.literal('upscale'),
      scale: z.union(UPSCALE_FACTORS.map((f) => z.literal(f))),
      quality: z.enum(UPSCALE_QUALITIES).default('balanced')
    })
    .strict(),
  z.object({ op: z.literal('denoise'), strength: strength.default(1) }).strict()
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
