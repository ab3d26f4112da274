import type { RestorationOperation } from '../../../shared/domain/restoration'
import type { Random } from '../fuzz/prng'
import { caseRandom } from '../fuzz/prng'

/**
 * What the soak runs: a seeded list of jobs, so a run that fails is replayed exactly by its
 * seed. Pure; the runner turns each job into engine or editor calls.
 */

/**
 * `engine`: straight to the restoration engine, as the batches and the CLI send jobs.
 * `document`: through the editor's DocumentService, as a person's edits go (history, result
 * cache, thumbnails, previews), so leaks there count too.
 */
export type SoakRoute = 'engine' | 'document'

/**
 * A document's life around its one inference: `apply-undo` opens, applies, undoes, closes;
 * `apply-undo-redo` also redoes (a cache read) before the final undo; `reopen` closes after the
 * apply and reopens, which restores the step from the saved history and the cache.
 */
export type DocumentScript = 'apply-undo' | 'apply-undo-redo' | 'reopen'

export interface Crop {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

export interface SoakJob {
  readonly index: number
  readonly operation: RestorationOperation
  /** Index into the photos the plan was made for. */
  readonly photo: number
  readonly crop: Crop
  /** Keep the photo's alpha channel (RGBA through the alpha path) or drop it (RGB). */
  readonly alpha: boolean
  readonly route: SoakRoute
  readonly script: DocumentScript
  /** Document route: a dropped copy, whose history and cache go when it closes. */
  readonly ephemeral: boolean
  /**
   * Cancel the job when it has reported this many progress updates (0: before it reaches the
   * worker); null runs it to the end. A job may finish before its cancel point.
   */
  readonly cancelAfterProgress: number | null
}

/** One kind of job in the mix: its share, and the largest crop side that keeps it affordable. */
export interface MixEntry {
  readonly operation: RestorationOperation
  readonly weight: number
  readonly maxSide: number
}

export interface SoakMix {
  readonly entries: readonly MixEntry[]
  /** Smallest crop side. */
  readonly minSide: number
  /** Share of jobs that go through the DocumentService. */
  readonly documentShare: number
  /** Share of jobs cancelled part-way. */
  readonly cancelShare: number
  /** Share of the run counted as warm-up (at least the opening tour). */
  readonly warmupShare: number
}

export interface PhotoSize {
  readonly width: number
  readonly height: number
}

export interface SoakPlan {
  readonly seed: number
  readonly jobs: readonly SoakJob[]
  /** Jobs before the plateau is measured: the tour and the warm-up share, whichever is more. */
  readonly warmupJobs: number
}

const up = (scale: 2 | 3 | 4 | 8, quality: 'fast' | 'balanced' | 'best'): RestorationOperation => ({
  op: 'upscale',
  scale,
  quality,
  strength: 1
})

/**
 * The 1,000-job mix. Crop sides are capped per model so a job costs at most ~300 GFLOP (a few
 * seconds on a 2-core CPU: `flopsPerInputPixel` in the manifest): the slim ESRGANs reach 512 px,
 * the thick ones stay under 100 px. Sides are drawn log-uniformly, so most jobs are small and
 * many distinct tile shapes reach the sessions. MAXIM (about 5 s per 256 px tile here) is 3% of
 * the jobs, low-light (a 20 s proxy pass) a few jobs in the run.
 */
export const FULL_MIX: SoakMix = {
  entries: [
    { operation: up(2, 'fast'), weight: 14, maxSide: 512 },
    { operation: up(3, 'fast'), weight: 10, maxSide: 448 },
    { operation: up(4, 'fast'), weight: 10, maxSide: 384 },
    { operation: up(8, 'fast'), weight: 5, maxSide: 256 },
    { operation: up(2, 'balanced'), weight: 9, maxSide: 288 },
    { operation: up(3, 'balanced'), weight: 6, maxSide: 256 },
    { operation: up(4, 'balanced'), weight: 6, maxSide: 256 },
    { operation: up(8, 'balanced'), weight: 3, maxSide: 160 },
    { operation: up(2, 'best'), weight: 4, maxSide: 96 },
    { operation: up(3, 'best'), weight: 3, maxSide: 96 },
    { operation: up(4, 'best'), weight: 3, maxSide: 96 },
    { operation: up(8, 'best'), weight: 2, maxSide: 80 },
    { operation: { op: 'denoise', strength: 0.8 }, weight: 1.2, maxSide: 224 },
    { operation: { op: 'deblur', strength: 1, quality: 'balanced' }, weight: 1.2, maxSide: 224 },
    { operation: { op: 'lowlight', strength: 1 }, weight: 0.3, maxSide: 320 }
  ],
  minSide: 48,
  documentShare: 0.4,
  cancelShare: 0.08,
  warmupShare: 0.1
}

/**
 * The CI mix: the fast and balanced ESRGANs on small crops (no MAXIM: its sessions take seconds
 * to load and each tile seconds to run), the same routes and cancellations.
 */
export const CI_MIX: SoakMix = {
  entries: [
    { operation: up(2, 'fast'), weight: 4, maxSide: 160 },
    { operation: up(3, 'fast'), weight: 2, maxSide: 128 },
    { operation: up(4, 'fast'), weight: 2, maxSide: 128 },
    { operation: up(2, 'balanced'), weight: 2, maxSide: 96 }
  ],
  minSide: 48,
  documentShare: 0.4,
  cancelShare: 0.1,
  warmupShare: 0.25
}

/**
 * Plans `count` jobs. The run opens with a tour: every kind of job twice at its largest size,
 * never cancelled, so that every session is created and its arena grown inside warm-up. Twice,
 * because onnxruntime's arena grows once more on a session's second run (measured on
 * maxim-enhancement, the same 512 px input each time: 3.46 GB after the first run, 4.32 GB
 * after the second, 4.33 GB after the third and fourth); a kind drawn rarely would otherwise
 * take that step late in the run and read as a leak. After the tour, jobs are drawn from the
 * mix.
 *
 * @throws Error for a count shorter than the tour, or no photos
 */
export function planSoak(
  count: number,
  seed: number,
  photos: readonly PhotoSize[],
  mix: SoakMix
): SoakPlan {
  if (photos.length === 0) throw new Error('Expected at least one photo for the soak')
  const kinds = mix.entries.filter((entry) => entry.weight > 0)
  const tour = [...kinds, ...kinds]
  if (!Number.isInteger(count) || count < tour.length) {
    throw new Error(`Expected at least ${tour.length} jobs for the soak but received ${count}`)
  }
  const jobs = Array.from({ length: count }, (_, index) => {
    const random = caseRandom(seed, index)
    const touring = tour[index]
    return touring
      ? tourJob(index, touring, tourRoute(index, kinds.length), photos, random)
      : drawnJob(index, pickEntry(kinds, random), photos, mix, random)
  })
  const warmupJobs = Math.max(tour.length, Math.ceil(count * mix.warmupShare))
  return { seed, jobs, warmupJobs }
}

function tourJob(
  index: number,
  entry: MixEntry,
  route: SoakRoute,
  photos: readonly PhotoSize[],
  random: Random
): SoakJob {
  const photo = largestPhoto(photos)
  return {
    index,
    operation: entry.operation,
    photo,
    crop: cropOf(photos[photo] ?? { width: 1, height: 1 }, entry.maxSide, entry.maxSide, random),
    alpha: index % 3 !== 0,
    route,
    script: 'reopen',
    ephemeral: false,
    cancelAfterProgress: null
  }
}

/** Alternating routes, swapped on the second pass, so both routes run every model in warm-up. */
function tourRoute(index: number, kinds: number): SoakRoute {
  const pass = Math.floor(index / kinds)
  return ((index % kinds) + pass) % 2 === 0 ? 'document' : 'engine'
}

function drawnJob(
  index: number,
  entry: MixEntry,
  photos: readonly PhotoSize[],
  mix: SoakMix,
  random: Random
): SoakJob {
  const photo = random.int(0, photos.length - 1)
  const size = photos[photo] ?? { width: 1, height: 1 }
  const side = (): number => logUniform(mix.minSide, entry.maxSide, random)
  const route: SoakRoute = random.next() < mix.documentShare ? 'document' : 'engine'
  const script = random.pick<DocumentScript>([
    'apply-undo',
    'apply-undo',
    'apply-undo-redo',
    'reopen'
  ])
  const cancelled = random.next() < mix.cancelShare
  return {
    index,
    operation: entry.operation,
    photo,
    crop: cropOf(size, side(), side(), random),
    alpha: random.next() < 0.5,
    route,
    script,
    // A reopened document needs its saved history: only files opened normally have one.
    ephemeral: script !== 'reopen' && random.next() < 0.3,
    cancelAfterProgress: cancelled ? random.int(0, 3) : null
  }
}

function pickEntry(entries: readonly MixEntry[], random: Random): MixEntry {
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0)
  let ticket = random.next() * total
  for (const entry of entries) {
    ticket -= entry.weight
    if (ticket < 0) return entry
  }
  return entries[entries.length - 1] ?? random.pick(entries)
}

/** An integer side between min and max whose logarithm is uniform: small sizes dominate. */
function logUniform(min: number, max: number, random: Random): number {
  if (max <= min) return max
  return Math.round(Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min))))
}

/** A crop of (at most) the given size, placed at random inside the photo. */
function cropOf(photo: PhotoSize, width: number, height: number, random: Random): Crop {
  const w = Math.max(1, Math.min(width, photo.width))
  const h = Math.max(1, Math.min(height, photo.height))
  return {
    left: random.int(0, photo.width - w),
    top: random.int(0, photo.height - h),
    width: w,
    height: h
  }
}

function largestPhoto(photos: readonly PhotoSize[]): number {
  let best = 0
  photos.forEach((photo, i) => {
    const current = photos[best]
    if (current && photo.width * photo.height > current.width * current.height) best = i
  })
  return best
}
