import type { Estimate, JobProgress } from '../../../shared/domain/document'

/**
 * Words for times, sizes and estimates, kept out of the components so each rule has a test.
 */

/** "< 1 s", "12 s", "2 min 5 s", "1 h 4 min": rounded the way people read a countdown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return '< 1 s'
  const total = Math.round(seconds)
  if (total < 60) return `${total} s`
  if (total < 600) {
    const rest = total % 60
    return rest === 0 ? `${total / 60} min` : `${Math.floor(total / 60)} min ${rest} s`
  }
  // Past ten minutes the seconds are noise.
  const minutes = Math.round(total / 60)
  if (minutes < 60) return `${minutes} min`
  const rest = minutes % 60
  const hours = Math.floor(minutes / 60)
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/** "about 40 s left"; "estimating time left…" until the engine has timed a tile. */
export function formatEta(etaSeconds: number | null): string {
  if (etaSeconds === null) return 'estimating time left…'
  if (etaSeconds < 1) return 'almost done'
  return `about ${formatDuration(etaSeconds)} left`
}

/** "≈ 12 s on CPU (2 threads)", or only the device when nothing is known to estimate from. */
export function estimateLabel(estimate: Estimate): string {
  if (estimate.seconds === null) return `Runs on ${estimate.device}`
  return `≈ ${formatDuration(estimate.seconds)} on ${estimate.device}`
}

/** "Deblurring · tile 3 of 12" for the job panel. */
/**
 * The gist of why a GPU is not used, for the line under a tool: the provider's raw error can
 * run to hundreds of characters, so only its first clause is shown (the whole goes in a tooltip).
 */
export function fallbackHint(estimate: Estimate): string | undefined {
  const reason = estimate.fallbackReason?.trim()
  if (!reason) return undefined
  const gist = (reason.split(/[:(;]/)[0] ?? reason).trim()
  return estimate.provider === 'cpu' ? `${gist}; using the CPU` : gist
}

export function progressLabel(job: JobProgress): string {
  const tiles = job.tilesTotal > 1 ? ` · tile ${job.tilesDone} of ${job.tilesTotal}` : ''
  return `${job.stage}${tiles}`
}

/** "820 KB", "12.4 MB": decimal units, as file managers show file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = value < 10 ? 1 : 0
  return `${value.toFixed(digits)} ${units[unit] ?? ''}`
}

/** "75 %" for 0..1 sliders. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`
}
