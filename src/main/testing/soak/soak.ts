import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEditor } from '../../editor/create'
import type { RawImage } from '../../engine/raw-image'
import { defaultModelsDir } from '../../engine/runtime/models-dir'
import { collectGarbage, sampleResources } from './resource-sample'
import type { ResourceSample } from './soak-analysis'
import type { JobOutcome } from './soak-job'
import { runSoakJob } from './soak-job'
import type { SoakJob, SoakPlan } from './soak-plan'

export interface SoakOptions {
  readonly plan: SoakPlan
  readonly photos: readonly RawImage[]
  /** The bundled inference worker (out/tools/inference-worker.cjs, or one built by a test). */
  readonly workerPath: string
  /** Default: the checkout's resources/models. */
  readonly modelsDir?: string
  /**
   * The result cache's disk budget. Default 256 MiB, well under the app's 2 GiB, so that the
   * run evicts and recomputes as a long session does rather than only ever adding.
   */
  readonly cacheBudgetBytes?: number
  /** Told after every job, with its record. */
  readonly onJob?: (record: JobRecord) => void
}

export interface JobRecord {
  readonly index: number
  /** For people: "upscale ×4 fast 212×96 RGBA via document (reopen)". */
  readonly label: string
  readonly outcome: JobOutcome
  readonly error?: string
  readonly seconds: number
  /** Taken after the job, after a garbage collection of the main thread's heap. */
  readonly sample: ResourceSample
}

export interface SoakRun {
  /** Before the first job, with the editor created and the photos decoded. */
  readonly start: ResourceSample
  readonly records: readonly JobRecord[]
  readonly seconds: number
  /** What the editor logged (failed cache or history writes): each one is a finding. */
  readonly editorLog: readonly string[]
}

const DEFAULT_CACHE_BUDGET = 256 * 1024 ** 2

/**
 * Runs the plan's jobs one after another through one editor (its engine, worker, history store
 * and result cache live for the whole run, as in the app), sampling the process's memory and
 * descriptors after each. Everything it writes goes in a temporary folder, removed at the end.
 */
export async function runSoak(options: SoakOptions): Promise<SoakRun> {
  const root = await mkdtemp(join(tmpdir(), 'lucid-soak-'))
  const filesDir = join(root, 'photos')
  await mkdir(filesDir)
  const editorLog: string[] = []
  const editor = createEditor({
    dataDir: join(root, 'data'),
    modelsDir: options.modelsDir ?? defaultModelsDir(),
    workerPath: options.workerPath,
    cacheBudgetBytes: options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET,
    log: (message, error) => editorLog.push(`${message}: ${String(error)}`)
  })
  const context = { editor, photos: options.photos, filesDir }
  const records: JobRecord[] = []
  const started = performance.now()
  try {
    collectGarbage()
    const start = sampleResources()
    for (const job of options.plan.jobs) {
      const jobStarted = performance.now()
      const result = await runSoakJob(context, job)
      const seconds = (performance.now() - jobStarted) / 1000
      collectGarbage()
      const record: JobRecord = {
        index: job.index,
        label: jobLabel(job),
        ...result,
        seconds,
        sample: sampleResources()
      }
      records.push(record)
      options.onJob?.(record)
    }
    return { start, records, seconds: (performance.now() - started) / 1000, editorLog }
  } finally {
    await editor.documents.dispose()
    await rm(root, { recursive: true, force: true })
  }
}

/** "upscale ×4 fast 212×96 RGBA via document (reopen), cancelled after 2 updates". */
export function jobLabel(job: SoakJob): string {
  const { operation: op, crop } = job
  const what = op.op === 'upscale' ? `upscale ×${op.scale} ${op.quality}` : op.op
  const via =
    job.route === 'document'
      ? `document (${job.script}${job.ephemeral ? ', dropped copy' : ''})`
      : 'engine'
  const cancel =
    job.cancelAfterProgress === null
      ? ''
      : job.cancelAfterProgress === 0
        ? ', cancelled at once'
        : `, cancelled after ${job.cancelAfterProgress} updates`
  return `${what} ${crop.width}×${crop.height} ${job.alpha ? 'RGBA' : 'RGB'} via ${via}${cancel}`
}
