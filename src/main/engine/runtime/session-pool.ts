import { InferenceSession, listSupportedBackends } from 'onnxruntime-node'
import type { ModelEntry, ModelManifest } from '../../../shared/domain/model-manifest'
import type { DeviceChoice, ProviderName } from '../../../shared/domain/restoration'
import { AUTO_DEVICE } from '../../../shared/domain/restoration'
import { sessionLoadError } from './inference-errors'
import type { ModelRunner, ModelSource } from './model-runner'
import { locateModel, readModelManifest } from './model-files'
import type { PrecisionSetting } from './model-variant'
import { locateModelFile } from './model-variant'
import { OnnxModelRunner } from './onnx-model-runner'
import { OptimizedModelCache } from './optimized-model-cache'
import { openWithFallback } from './provider-fallback'
import type { ProviderAttempt } from './providers'
import { installedProviders } from './installed-providers'
import { cpuPlan, providerPlan } from './providers'
import { sessionOptions } from './session-options'

export interface SessionPoolOptions {
  /** Folder holding manifest.json and the .onnx files (see defaultModelsDir). */
  readonly modelsDir: string
  /** Default: auto. */
  readonly device?: DeviceChoice
  /** Default: the current process's; tests pass others to exercise other platforms' plans. */
  readonly platform?: NodeJS.Platform
  readonly arch?: string
  /** Providers this installation can load; default: installedProviders(). */
  readonly installed?: ReadonlySet<ProviderName>
  /**
   * Folder for onnxruntime's optimized graphs (see OptimizedModelCache), which cut session
   * creation several-fold; none: every session optimizes the original model again.
   */
  readonly optimizedModelsDir?: string
  /** Default: auto, each provider's reduced-precision copy where the manifest has one. */
  readonly precision?: PrecisionSetting
}

/**
 * The ModelSource of the inference worker: one onnxruntime session per (model, provider),
 * created on first use and reused until `release()`. Sessions take hundreds of milliseconds to
 * create (the 95 MB MAXIM models seconds) and hold the weights in memory, so concurrent first
 * requests share one creation, and a provider that failed once is not tried again.
 */
export class SessionPool implements ModelSource {
  private manifest: Promise<ModelManifest> | undefined
  private available: ReadonlySet<string> | undefined
  private readonly sessions = new Map<string, Promise<InferenceSession>>()
  private readonly runners = new Map<string, Promise<ModelRunner>>()
  private created = 0
  private readonly optimized: OptimizedModelCache | undefined

  constructor(private readonly options: SessionPoolOptions) {
    const dir = options.optimizedModelsDir
    this.optimized = dir === undefined ? undefined : new OptimizedModelCache(dir)
  }

  /** Sessions created since construction (released ones included): for diagnostics and tests. */
  get sessionsCreated(): number {
    return this.created
  }

  /**
   * The model on the best provider of the device choice that loads, falling back towards the
   * CPU; the runner's `fallbackReason` says why earlier providers were passed over.
   *
   * @throws LucidError MODEL_MISSING when the model is not in the manifest, its file is absent or
   *   has the wrong size, or no provider can load it; OUT_OF_MEMORY when the CPU cannot hold it
   */
  runner(modelId: string): Promise<ModelRunner> {
    const { platform = process.platform, arch = process.arch, device = AUTO_DEVICE } = this.options
    return memo(this.runners, `${modelId}\0preferred`, () =>
      this.openRunner(
        modelId,
        providerPlan(platform, device, arch, this.options.installed ?? installedProviders())
      )
    )
  }

  /** The same model on the CPU; shares the session when `runner` already fell back to the CPU. */
  cpuRunner(modelId: string): Promise<ModelRunner> {
    return memo(this.runners, `${modelId}\0cpu`, () => this.openRunner(modelId, cpuPlan()))
  }

  /** Closes every session. The pool stays usable: later requests create new sessions. */
  async release(): Promise<void> {
    const sessions = [...this.sessions.values()]
    this.sessions.clear()
    this.runners.clear()
    const opened = await Promise.allSettled(sessions)
    // Sessions that failed to open have nothing to close.
    const closing = opened.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value.release()] : []
    )
    await Promise.all(closing)
  }

  private async openRunner(
    modelId: string,
    plan: readonly ProviderAttempt[]
  ): Promise<ModelRunner> {
    const manifest = await this.loadManifest()
    // Checks the float32 file, which every provider falls back to.
    const { entry } = await locateModel(this.options.modelsDir, manifest, modelId)
    try {
      const opened = await openWithFallback(
        plan,
        (attempt) => this.session(entry, attempt),
        this.supportedBackends()
      )
      return new OnnxModelRunner(entry, opened.value, opened.provider, opened.fallbackReason)
    } catch (error) {
      throw sessionLoadError(modelId, error)
    }
  }

  private session(entry: ModelEntry, attempt: ProviderAttempt): Promise<InferenceSession> {
    const precision = this.options.precision ?? 'auto'
    return memo(this.sessions, `${entry.id}\0${attempt.provider}\0${precision}`, async () => {
      // fp16 on the GPU providers, where the manifest has a copy; float32 otherwise. The runner
      // feeds and reads float32 either way (the fp16 graphs cast at their edges).
      const file = await locateModelFile(this.options.modelsDir, entry, attempt.provider, precision)
      const options = sessionOptions(attempt)
      const session = await (this.optimized
        ? this.optimized.create({
            modelId: entry.id,
            path: file.path,
            sha256: file.sha256,
            provider: attempt.provider,
            options
          })
        : InferenceSession.create(file.path, options))
      this.created++
      return session
    })
  }

  private supportedBackends(): ReadonlySet<string> {
    this.available ??= new Set(listSupportedBackends().map((backend) => backend.name))
    return this.available
  }

  private loadManifest(): Promise<ModelManifest> {
    const loading = (this.manifest ??= readModelManifest(this.options.modelsDir))
    loading.catch(() => {
      if (this.manifest === loading) this.manifest = undefined
    })
    return loading
  }
}

/**
 * One promise per key, shared by concurrent callers; a rejected one is forgotten so the next
 * call retries (the user may have run `npm run models` meanwhile).
 */
function memo<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  create: () => Promise<T>
): Promise<T> {
  const existing = cache.get(key)
  if (existing) return existing
  const created = create()
  cache.set(key, created)
  created.catch(() => {
    if (cache.get(key) === created) cache.delete(key)
  })
  return created
}
