import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { E2eRow } from './bench-report'
import { BENCH_PHOTOS, writeBatchPhotos, writeLargePhoto } from './bench-photos'
import { runInChild } from './child-runner'
import type { ScenarioSpec } from './child-task'

/** The end-to-end figures of issue #8, full size and --quick size. */
const SIZES = {
  full: {
    photo: { width: 6000, height: 4000 },
    painted: [512, 256],
    upscale: { width: 1732, height: 1155 },
    batch: { count: 20, megapixels: 0.5 }
  },
  quick: {
    photo: { width: 1732, height: 1155 },
    painted: [256, 128],
    upscale: { width: 256, height: 192 },
    batch: { count: 2, megapixels: 0.1 }
  }
} as const

/**
 * A two-step recipe a batch of 20 finishes in minutes on 2 cores: ×2 twice with the fast
 * upscaler (the second step on 4× the pixels). Any MAXIM step costs at least one 512² or
 * 256² model tile per photo, ten to twenty seconds each on such a machine; --batch-recipe
 * picks another.
 */
export const BATCH_RECIPE = 'upscale:2:fast,upscale:2:fast'

/** A dark photo: every sample × 0.25, about two stops under. */
const DARK_GAIN = 0.25

interface PlannedScenario {
  readonly spec: ScenarioSpec
  readonly label: string
  readonly detail: string
  /** Regional scenarios: the painted square's side. */
  readonly paintedSide?: number
}

/**
 * Writes the scenarios' photos into `workDir` (a 24-MP photo, its dark twin, a 2-MP photo and
 * the batch's photos, all made from real sample photos) and plans the scenarios:
 * (a) regional deblur of a 512² and a 256² painted square in the large photo (256², 128² quick), (b) low light on
 * the dark one, (c) ×4 balanced upscale of the 2-MP one, (d) the batch.
 */
export async function planScenarios(
  workDir: string,
  quick: boolean,
  recipe: string = BATCH_RECIPE
): Promise<PlannedScenario[]> {
  const sizes = quick ? SIZES.quick : SIZES.full
  const photosDir = join(workDir, 'e2e-photos')
  await mkdir(photosDir, { recursive: true })
  const large = join(photosDir, 'large.jpg')
  const dark = join(photosDir, 'large-dark.jpg')
  const medium = join(photosDir, 'medium.jpg')
  await writeLargePhoto(BENCH_PHOTOS.large, sizes.photo, large)
  await writeLargePhoto(BENCH_PHOTOS.large, { ...sizes.photo, gain: DARK_GAIN }, dark)
  await writeLargePhoto(BENCH_PHOTOS.large, sizes.upscale, medium)
  const batchDir = join(photosDir, 'batch')
  await mkdir(batchDir, { recursive: true })
  const batch = await writeBatchPhotos(sizes.batch.count, sizes.batch.megapixels, batchDir)
  const photoSize = `${sizes.photo.width}×${sizes.photo.height}`
  const dataDir = (id: string): string => join(workDir, 'e2e-data', id)
  const regional = (side: number): PlannedScenario => ({
    spec: {
      id: `regional-deblur-${side}`,
      type: 'regional-deblur',
      photo: large,
      paintedSide: side,
      dataDir: dataDir(`regional-${side}`)
    },
    label: `Regional deblur, ${side}×${side} painted`,
    paintedSide: side,
    detail: `${photoSize} JPEG, opened in the editor, deblur step with a brush mask`
  })
  return [
    ...sizes.painted.map(regional),
    {
      spec: {
        id: 'lowlight',
        type: 'whole-photo',
        photo: dark,
        operation: { op: 'lowlight', strength: 1 },
        dataDir: dataDir('lowlight')
      },
      label: 'Low light, whole photo',
      detail: `${photoSize} JPEG darkened ×${DARK_GAIN}, opened in the editor, low-light step`
    },
    {
      spec: {
        id: 'upscale-x4-balanced',
        type: 'whole-photo',
        photo: medium,
        operation: { op: 'upscale', scale: 4, quality: 'balanced', strength: 1 },
        dataDir: dataDir('upscale')
      },
      label: 'Upscale ×4 balanced',
      detail: `${sizes.upscale.width}×${sizes.upscale.height} JPEG, opened in the editor, upscale step`
    },
    {
      spec: {
        id: 'batch',
        type: 'batch',
        photos: batch,
        recipe,
        outputDir: join(workDir, 'e2e-batch-out')
      },
      label: `Batch of ${sizes.batch.count}`,
      detail: `${sizes.batch.count} JPEGs of ${sizes.batch.megapixels} MP, recipe ${recipe}, recipe batch runner`
    }
  ]
}

/** Runs each planned scenario in its own child process (timeout each) and makes its row. */
export async function runScenarios(
  childPath: string,
  planned: readonly PlannedScenario[],
  timeoutMs: number,
  onStart: (label: string) => void
): Promise<E2eRow[]> {
  const rows: E2eRow[] = []
  for (const { spec, label, detail, paintedSide } of planned) {
    onStart(label)
    const result = await runInChild(childPath, { kind: 'scenario', scenario: spec }, timeoutMs)
    const peakRssMiB = result.maxRssKiB / 1024
    if (!result.ok) {
      rows.push({ id: spec.id, label, detail, wallSeconds: NaN, peakRssMiB, error: result.error })
      continue
    }
    const m = result.value
    const photos = spec.type === 'batch' ? (m.done ?? 0) : undefined
    rows.push({
      id: spec.id,
      label,
      detail,
      ...(paintedSide === undefined ? {} : { paintedSide }),
      wallSeconds: m.wallSeconds,
      ...(m.stepSeconds === undefined ? {} : { stepSeconds: m.stepSeconds }),
      ...(m.jobSeconds === undefined ? {} : { jobSeconds: m.jobSeconds }),
      ...(m.tiles === undefined ? {} : { tiles: m.tiles }),
      peakRssMiB,
      eventLoopLag: m.eventLoopLag,
      ...(photos === undefined ? {} : { photosPerMinute: (photos / m.wallSeconds) * 60 }),
      ...(m.failed ? { error: `${m.failed} photos failed` } : {})
    })
  }
  return rows
}
