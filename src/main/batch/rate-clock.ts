/**
 * A batch's working time, paused time left out, and the ETA it gives: the measured time per
 * finished item (wall time, so photos overlapping in flight count at their real throughput)
 * times the work left.
 */
export class RateClock {
  private readonly started: number
  private pausedAt: number | null = null
  private pausedTotal = 0

  /** @param now milliseconds from any origin */
  constructor(private readonly now: () => number) {
    this.started = now()
  }

  pause(): void {
    this.pausedAt ??= this.now()
  }

  resume(): void {
    if (this.pausedAt === null) return
    this.pausedTotal += this.now() - this.pausedAt
    this.pausedAt = null
  }

  /** Seconds spent working so far (paused time excluded). */
  elapsedSeconds(): number {
    const end = this.pausedAt ?? this.now()
    return Math.max(0, end - this.started - this.pausedTotal) / 1000
  }

  /**
   * Seconds left for `remaining` items (fractions count) at the rate measured over `finished`
   * items; null before the first item has finished.
   */
  etaSeconds(finished: number, remaining: number): number | null {
    if (finished <= 0) return null
    return Math.max(0, (this.elapsedSeconds() / finished) * remaining)
  }
}
