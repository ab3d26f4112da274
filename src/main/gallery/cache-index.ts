import { readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { mapBounded } from './bounded-map'

/** A cached thumbnail's file name: the 64-hex-digit key and `.jpg`. */
export const CACHE_FILE = /^[0-9a-f]{64}\.jpg$/

/** What write-file-atomic leaves behind when a write is cut short (`<file>.<n>`). */
const LEFTOVER_TEMP = /^[0-9a-f]{64}\.jpg\./

/** Eviction goes this far under the budget, so one more thumbnail does not evict again. */
const LOW_WATER = 0.9

interface Entry {
  bytes: number
  usedAt: number
}

/**
 * Which thumbnails a cache folder holds, and its byte budget: past the budget the least
 * recently used files are deleted. Use is the file's modification time, which a hit refreshes,
 * so the order survives restarts. The folder is read once (`ready`); after that, whether a
 * thumbnail is cached is a lookup, which keeps requests in the order they were made. Updates
 * are serialised so an eviction never races the first reading of the folder.
 */
export class CacheIndex {
  private entries: Map<string, Entry> | null = null
  private loading: Promise<void> | null = null
  private total = 0
  private work: Promise<void> = Promise.resolve()

  /**
   * @param dir the cache folder (only `<64 hex>.jpg` files in it are counted or deleted)
   * @param maxBytes the budget
   * @param log told about files that could not be deleted
   */
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly log: (message: string, error: unknown) => void = () => undefined
  ) {}

  /** Resolves once the folder has been read; the same promise for every caller. */
  ready(): Promise<void> {
    this.loading ??= this.serial(() => this.load().then(() => undefined))
    return this.loading
  }

  /** Whether a file is in the cache (false before `ready` resolves). */
  has(file: string): boolean {
    return this.entries?.has(file) ?? false
  }

  /** Records a file just written, then evicts the oldest files while over budget. */
  added(file: string, bytes: number): Promise<void> {
    return this.serial(async () => {
      const entries = await this.load()
      this.total += bytes - (entries.get(file)?.bytes ?? 0)
      entries.set(file, { bytes, usedAt: Date.now() })
      if (this.total > this.maxBytes) await this.evict(entries, file)
    })
  }

  /** Marks a file as just used (a cache hit), on disk and in the index. */
  touched(file: string): void {
    const now = new Date()
    const entry = this.entries?.get(file)
    if (entry) entry.usedAt = now.getTime()
    utimes(join(this.dir, file), now, now).catch(() => undefined)
  }

  /** Drops a file the index lists but the disk no longer has (another process removed it). */
  forget(file: string): void {
    const entry = this.entries?.get(file)
    if (!entry) return
    this.entries?.delete(file)
    this.total -= entry.bytes
  }

  /** The bytes the cache holds, as far as the index knows. */
  async size(): Promise<number> {
    await this.ready()
    await this.serial(() => Promise.resolve())
    return this.total
  }

  private async load(): Promise<Map<string, Entry>> {
    if (this.entries) return this.entries
    const names = await readdir(this.dir).catch(() => [] as string[])
    await Promise.all(
      names
        .filter((name) => LEFTOVER_TEMP.test(name))
        .map((name) => rm(join(this.dir, name), { force: true }).catch(() => undefined))
    )
    const files = names.filter((name) => CACHE_FILE.test(name))
    const stats = await mapBounded(files, 64, (name) =>
      stat(join(this.dir, name)).catch(() => null)
    )
    const entries = new Map<string, Entry>()
    files.forEach((name, i) => {
      const info = stats[i]
      if (info) entries.set(name, { bytes: info.size, usedAt: info.mtimeMs })
    })
    this.total = [...entries.values()].reduce((sum, entry) => sum + entry.bytes, 0)
    this.entries = entries
    return entries
  }

  private async evict(entries: Map<string, Entry>, keep: string): Promise<void> {
    const oldestFirst = [...entries].sort(([, a], [, b]) => a.usedAt - b.usedAt)
    for (const [name, entry] of oldestFirst) {
      if (this.total <= this.maxBytes * LOW_WATER) break
      if (name === keep) continue
      try {
        await rm(join(this.dir, name), { force: true })
        entries.delete(name)
        this.total -= entry.bytes
      } catch (error) {
        this.log('Could not delete an old thumbnail', error)
      }
    }
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task)
    this.work = next.catch(() => undefined)
    return next
  }
}
