import type { Estimate, EditOperation } from '../../shared/domain/document'
import type { ModelEntry, ModelManifest } from '../../shared/domain/model-manifest'
import type { DeviceChoice, ProviderName } from '../../shared/domain/restoration'
import { modelIdFor, modelPassesFor } from '../engine/ops/model-choice'
import { LOWLIGHT_PROXY_SIDE } from '../engine/ops/lowlight'
import type { Rect } from '../engine/ops/mask'
import { expandRect } from '../engine/ops/mask'
import { providerLabels, providerPlan } from '../engine/runtime/providers'
import { planTiles } from '../engine/tiling/tile-plan'

/**
 * Throughput assumed before a model has run here, in FLOP/s. Conservative on purpose: the
 * slowest converted model ran at 41 GFLOP/s on the project's 2-core CPU (README, Performance),
 * so 30 G overestimates the time on most machines rather than promising too little. A GPU
 * gets a similarly cautious 300 G until measured.
 */
export const DEFAULT_CPU_FLOPS = 30e9
export const DEFAULT_GPU_FLOPS = 300e9
/** Auto levels runs in sharp: about this many pixels a second on a slow machine. */
const AUTO_LEVELS_PIXELS_PER_SECOND = 20e6
/** Deblur reads this much context around the painted region (ops/deblur.ts). */
const DEBLUR_CONTEXT = 32

export interface JobOutcomeSummary {
  readonly provider: ProviderName
  readonly fallbackReason?: string
  readonly tilesInferred: number
  readonly seconds: number
}

export interface EstimatorOptions {
  /** The models' manifest; null when it cannot be read (then no seconds are estimated). */
  readonly manifest: () => Promise<ModelManifest | null>
  /** Providers this build of onnxruntime has (listSupportedBackends). */
  readonly availableProviders: () => ReadonlySet<string>
  readonly platform?: NodeJS.Platform
  readonly arch?: string
}

/**
 * Says where a job will run and about how long it will take: the model's FLOPs per input pixel
 * × the pixels its tiles read (only the painted region's tiles for a masked deblur) × the
 * model's passes (a self-ensemble runs several; strength 0 none) ÷ the throughput measured on
 * this machine, a running average over completed jobs per model and provider.
 */
export class Estimator {
  private readonly throughput = new Map<string, number>()
  /** What the last job actually ran on, per device choice: GPU sessions can fail to load. */
  private readonly observed = new Map<string, { provider: ProviderName; reason?: string }>()

  constructor(private readonly options: EstimatorOptions) {}

  /**
   * @param width the current result's width, in pixels
   * @param maskBounds the painted region of a masked deblur, null for the whole image
   */
  async estimate(
    operation: EditOperation,
    device: DeviceChoice,
    width: number,
    height: number,
    maskBounds: Rect | null
  ): Promise<Estimate> {
    if (operation.op === 'autoLevels') {
      return {
        provider: 'cpu',
        device: 'CPU',
        seconds: (width * height) / AUTO_LEVELS_PIXELS_PER_SECOND
      }
    }
    const { provider, reason } = this.providerFor(device)
    const base = {
      provider,
      device: deviceLabel(provider, device),
      ...(reason ? { fallbackReason: reason } : {})
    }
    const manifest = await this.options.manifest()
    const entry = manifest?.models.find((m) => m.id === modelIdFor(operation))
    if (!entry) return { ...base, seconds: null }
    const pixels =
      inputPixels(entry, operation.op, width, height, maskBounds) * modelPassesFor(operation)
    const flops = this.throughput.get(`${entry.id}\0${provider}`) ?? defaultFlops(provider)
    return { ...base, seconds: (entry.flopsPerInputPixel * pixels) / flops }
  }

  /**
   * Learns from a completed job (the same sizes as its estimate was asked with).
   */
  async record(
    operation: EditOperation,
    device: DeviceChoice,
    width: number,
    height: number,
    maskBounds: Rect | null,
    outcome: JobOutcomeSummary
  ): Promise<void> {
    this.observed.set(deviceKey(device), {
      provider: outcome.provider,
      ...(outcome.fallbackReason ? { reason: outcome.fallbackReason } : {})
    })
    if (operation.op === 'autoLevels' || outcome.tilesInferred === 0 || outcome.seconds <= 0) return
    const entry = (await this.options.manifest())?.models.find(
      (m) => m.id === modelIdFor(operation)
    )
    if (!entry) return
    const pixels =
      inputPixels(entry, operation.op, width, height, maskBounds) * modelPassesFor(operation)
    const measured = (entry.flopsPerInputPixel * pixels) / outcome.seconds
    const key = `${entry.id}\0${outcome.provider}`
    const previous = this.throughput.get(key)
    // A running average: one slow job (the machine busy) should not swing the next estimate.
    this.throughput.set(key, previous === undefined ? measured : (previous + measured) / 2)
  }

  private providerFor(device: DeviceChoice): { provider: ProviderName; reason?: string } {
    const seen = this.observed.get(deviceKey(device))
    if (seen) return seen
    const plan = providerPlan(this.options.platform ?? process.platform, device, this.options.arch)
    const available = this.options.availableProviders()
    const chosen = plan.find((attempt) => available.has(attempt.provider))?.provider ?? 'cpu'
    const first = plan[0]?.provider ?? 'cpu'
    if (chosen === first) return { provider: chosen }
    return {
      provider: chosen,
      reason: `${providerLabels[first]} is not available in this build of onnxruntime; the ${providerLabels[chosen]} runs it`
    }
  }
}

function inputPixels(
  entry: ModelEntry,
  op: 'deblur' | 'lowlight' | 'upscale' | 'denoise',
  width: number,
  height: number,
  maskBounds: Rect | null
): number {
  // Low-light infers one proxy of the whole photo, whatever its size (ops/lowlight.ts).
  if (op === 'lowlight') return LOWLIGHT_PROXY_SIDE ** 2
  const region =
    op === 'deblur' && maskBounds
      ? expandRect(maskBounds, DEBLUR_CONTEXT, width, height)
      : undefined
  // A dynamic-shape model (ESRGAN) reads about the region; a fixed one (MAXIM) whole tiles.
  const fixedInput = entry.inputShape[1] !== null
  if (!fixedInput) return (region?.width ?? width) * (region?.height ?? height)
  const geometry = {
    tileSize: entry.tile.size,
    overlap: entry.tile.overlap,
    divisibility: entry.sizeDivisibility,
    fixedInput
  }
  const plan = planTiles(width, height, geometry, region)
  return plan.tiles.length * entry.tile.size ** 2
}

function defaultFlops(provider: ProviderName): number {
  return provider === 'cpu' ? DEFAULT_CPU_FLOPS : DEFAULT_GPU_FLOPS
}

function deviceLabel(provider: ProviderName, device: DeviceChoice): string {
  if (provider === 'cpu') return 'CPU'
  const index = device.gpuIndex === undefined ? '' : ` ${device.gpuIndex}`
  return `GPU${index} (${providerLabels[provider]})`
}

function deviceKey(device: DeviceChoice): string {
  return `${device.kind}:${device.gpuIndex ?? ''}`
}
