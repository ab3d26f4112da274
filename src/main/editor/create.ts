import { join } from 'node:path'
import type { ModelManifest } from '../../shared/domain/model-manifest'
import { AUTO_DEVICE } from '../../shared/domain/restoration'
import type { JobOutcome, RestorationJob } from '../engine/ops/job'
import { installedProviders } from '../engine/runtime/installed-providers'
import { readModelManifest } from '../engine/runtime/model-files'
import { RestorationEngine } from '../engine/worker/engine-client'
import { DocumentService } from './document-service'
import type { EngineFactory } from './engine-holder'
import { EngineHolder } from './engine-holder'
import { Estimator } from './estimator'
import { HistoryStore } from './history-store'
import { ResultCache } from './result-cache'
import { SettingsStore } from './settings-store'

export interface EditorOptions {
  /** Where histories, cached results and settings live (Electron's userData in the app). */
  readonly dataDir: string
  /** resources/models (manifest and ONNX files). */
  readonly modelsDir: string
  /** The bundled inference worker (out/main/inference-worker.js beside the main bundle). */
  readonly workerPath: string
  /** Disk budget of the result cache; default DEFAULT_CACHE_BUDGET (2 GiB). */
  readonly cacheBudgetBytes?: number
  /** Default: the worker-backed RestorationEngine; tests may pass an in-process one. */
  readonly engineFactory?: EngineFactory
  readonly log?: (message: string, error: unknown) => void
}

/** The editor's document service and the parts the gallery and the batches share with it. */
export interface Editor {
  readonly documents: DocumentService
  /** Each photo's saved history (the gallery's badges, history batches). */
  readonly histories: HistoryStore
  /** The one restoration engine: the batches run on it too, so inference stays serialised. */
  readonly engine: EngineHolder
}

/** Assembles the editor's document service from its parts. */
export function createEditor(options: EditorOptions): Editor {
  const { dataDir, modelsDir, workerPath, log } = options
  const engineFactory: EngineFactory =
    options.engineFactory ??
    ((device) =>
      new RestorationEngine<RestorationJob, JobOutcome>({
        device,
        modelsDir,
        workerPath,
        // Session creation from a saved optimized graph: MAXIM in under 1 s instead of 2–4 s.
        optimizedModelsDir: join(dataDir, 'optimized-models')
      }))
  let manifest: Promise<ModelManifest | null> | undefined
  const histories = new HistoryStore(dataDir, log)
  const engine = new EngineHolder(engineFactory, AUTO_DEVICE)
  const documents = new DocumentService({
    histories,
    cache: new ResultCache({
      dir: join(dataDir, 'cache'),
      ...(options.cacheBudgetBytes !== undefined && { budgetBytes: options.cacheBudgetBytes })
    }),
    settings: new SettingsStore(dataDir),
    engine,
    estimator: new Estimator({
      manifest: () => (manifest ??= readModelManifest(modelsDir).catch(() => null)),
      availableProviders: () => installedProviders()
    }),
    ...(log && { log })
  })
  return { documents, histories, engine }
}

/** The editor's document service alone (see createEditor). */
export function createDocumentService(options: EditorOptions): DocumentService {
  return createEditor(options).documents
}
