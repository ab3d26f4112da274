/** The fastest and the median of a set of timings (seconds); NaN for none. */
export function bestAndMedian(seconds: readonly number[]): { best: number; median: number } {
  if (seconds.length === 0) return { best: NaN, median: NaN }
  const sorted = [...seconds].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? NaN)
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
  return { best: sorted[0] ?? NaN, median }
}
