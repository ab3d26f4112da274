import type { RestorationOperation } from '../../shared/domain/restoration'
import { RestorationOperationSchema } from '../../shared/domain/restoration'
import { modelIdFor } from '../engine/ops/model-choice'
import { runModelTiled } from '../engine/ops/run-model'
import type { RawImage } from '../engine/raw-image'
import type { JobControl, ModelSource } from '../engine/runtime/model-runner'
import type { Baseline } from './baselines'
import {
  autoDenoiseBaseline,
  autoLowlightBaseline,
  deblurBaselines,
  denoiseBaselines,
  lowlightBaselines,
  upscaleBaselines
} from './baselines'
import type { Degraded, DegradationTask } from './degrade/draw'

/**
 * What the eval measures per tool: how a crop is degraded, the operation Lucid runs (at the
 * tool's defaults, parsed through the shared schema so the eval sees what the app sees), the
 * bare network on the same input, and the classical baselines.
 */
export interface EvalTask {
  readonly id: string
  readonly title: string
  readonly degradation: DegradationTask
  /** Super-resolution only: the factor for a crop (from its seed). */
  readonly scale?: (seed: number) => 2 | 3 | 4
  /** The tool at its defaults; named variants (other quality levels) are extra rows. */
  readonly operation: (d: Degraded) => RestorationOperation
  readonly variants?: readonly { name: string; operation: (d: Degraded) => RestorationOperation }[]
  /** The network alone, no pipeline: what the tool must add to. */
  readonly raw: (models: ModelSource, d: Degraded, control: JobControl) => Promise<RawImage>
  /** Oracle family: best per photo. */
  readonly oracle: (d: Degraded) => Baseline[]
  /** Automatic classical baseline, where one exists. */
  readonly auto?: Baseline
  /** The target is stated over this baseline: the oracle family's best, or Lanczos alone. */
  readonly reference: 'oracle' | 'Lanczos'
}

const parse = (operation: unknown): RestorationOperation =>
  RestorationOperationSchema.parse(operation)

const bare =
  (modelId: string, stage: string) =>
  async (models: ModelSource, d: Degraded, control: JobControl): Promise<RawImage> =>
    (await runModelTiled(models, modelId, d.image, control, { stage })).image

const upscaleOperation = (d: Degraded, quality?: string): RestorationOperation =>
  parse({ op: 'upscale', scale: d.scale, ...(quality ? { quality } : {}) })

export const EVAL_TASKS: readonly EvalTask[] = [
  {
    id: 'deblur',
    title: 'deblur',
    degradation: 'deblur',
    operation: () => parse({ op: 'deblur' }),
    variants: [{ name: 'best', operation: () => parse({ op: 'deblur', quality: 'best' }) }],
    raw: bare('maxim-deblurring', 'Deblurring (raw)'),
    oracle: () => deblurBaselines,
    reference: 'oracle'
  },
  {
    id: 'lowlight',
    title: 'low light',
    degradation: 'lowlight',
    operation: () => parse({ op: 'lowlight' }),
    raw: bare('maxim-enhancement', 'Brightening (raw)'),
    oracle: () => lowlightBaselines,
    auto: autoLowlightBaseline,
    reference: 'oracle'
  },
  {
    id: 'denoise',
    title: 'denoise',
    degradation: 'denoise',
    operation: () => parse({ op: 'denoise' }),
    raw: bare('maxim-denoising', 'Denoising (raw)'),
    oracle: () => denoiseBaselines,
    auto: autoDenoiseBaseline,
    reference: 'oracle'
  },
  {
    id: 'upscale-x4',
    title: 'upscale ×4',
    degradation: 'upscale',
    scale: () => 4,
    operation: (d) => upscaleOperation(d),
    variants: [{ name: 'best', operation: (d) => upscaleOperation(d, 'best') }],
    raw: (models, d, control) =>
      bare(modelIdFor(upscaleOperation(d)), 'Upscaling (raw)')(models, d, control),
    oracle: (d) => upscaleBaselines(d.clean.width, d.clean.height),
    reference: 'Lanczos'
  },
  {
    id: 'upscale-x2-x3',
    title: 'upscale ×2 / ×3 (drawn)',
    degradation: 'upscale',
    scale: (seed) => (seed % 2 === 0 ? 2 : 3),
    operation: (d) => upscaleOperation(d),
    raw: (models, d, control) =>
      bare(modelIdFor(upscaleOperation(d)), 'Upscaling (raw)')(models, d, control),
    oracle: (d) => upscaleBaselines(d.clean.width, d.clean.height),
    reference: 'Lanczos'
  }
]
