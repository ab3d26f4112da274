import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import type { RawImage } from '../engine/raw-image'
import { readRawFile, writeRawFile } from './raw-file'

/** Default disk budget for step results: about twelve 24-megapixel 16-bit RGB results. */
export const DEFAULT_CACHE_BUDGET = 2 * 1024 ** 3

const EXTENSION = '.raw'

export interface ResultCacheOptions {
  /** `<dataDir>/cache`: one folder per photo (its history key), one file per step. */
  readonly dir: string
  /** Bytes the files may take together; least recently used ones go first. */
  readonly budgetBytes?: number
}

/**
 * Full-resolution results of history steps on disk, under a byte budget, least recently used
 * evicted first. The editor keeps only the current result in memory; undo, redo and jumps read
 * from here, and a step whose result was evicted is recomputed from its nearest cached
 * ancestor. Recency survives restarts through the files' modification times.
 */
export class ResultCache {
  /** `<key>/<stepId>` → bytes, least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, number>()
  private used = 0
  private budget: number

  private readonly dir: string
  /** The index of the files an earlier run left; every method waits for it. */
  private readonly ready: Promise<void>

  /** Indexes the files an earlier run left (in the background) and applies the budget. */
  constructor(options: ResultCacheOptions) {
    this.dir = options.dir
    this.budget = options.budgetBytes ?? DEFAULT_CACHE_BUDGET
    this.ready = this.scan()
  }

  private async scan(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const found: { name: string; bytes: number; time: number }[] = []
    for (const key of await readdir(this.dir).catch(() => [])) {
      for (const file of await readdir(join(this.dir, key)).catch(() => [])) {
        if (!file.endsWith(EXTENSION)) continue
        const info = await stat(join(this.dir, key, file)).catch(() => null)
        if (!info?.isFile()) continue
        const name = `${key}/${file.slice(0, -EXTENSION.length)}`
        found.push({ name, bytes: info.size, time: info.mtimeMs })
      }
    }
    found.sort((a, b) => a.time - b.time)
    for (const { name, bytes } of found) this.remember(name, bytes)
    await this.evict()
  }

  /** Bytes in use (after the start-up index, once any method has been awaited). */
  get usedBytes(): number {
    return this.used
  }

  has(key: string, stepId: string): boolean {
    return this.entries.has(`${key}/${stepId}`)
  }

  /** A step's result, or null when it is not cached (or its file is unreadable). */
  async get(key: string, stepId: string): Promise<RawImage | null> {
    await this.ready
    const name = `${key}/${stepId}`
    const bytes = this.entries.get(name)
    if (bytes === undefined) return null
    const image = await readRawFile(this.pathOf(name))
    if (!image) {
      await this.forget(name)
      return null
    }
    this.remember(name, bytes)
    const now = new Date()
    await utimes(this.pathOf(name), now, now).catch(() => undefined)
    return image
  }

  /** Stores a step's result (not when it alone is over the budget), evicting older ones. */
  async put(key: string, stepId: string, image: RawImage): Promise<void> {
    await this.ready
    if (image.data.byteLength > this.budget) return
    const name = `${key}/${stepId}`
    await mkdir(join(this.dir, key), { recursive: true })
    this.remember(name, await writeRawFile(this.pathOf(name), image))
    await this.evict()
  }

  /** Drops the results of steps that no longer exist (a dropped redo branch). */
  async remove(key: string, stepIds: readonly string[]): Promise<void> {
    await this.ready
    await Promise.all(stepIds.map((id) => this.forget(`${key}/${id}`)))
  }

  /** Drops every result of a photo (a closed import). */
  async removeAll(key: string): Promise<void> {
    await this.ready
    for (const name of [...this.entries.keys()]) {
      if (name.startsWith(`${key}/`)) this.drop(name)
    }
    await rm(join(this.dir, key), { recursive: true, force: true })
  }

  /** Changes the budget, evicting at once down to it. */
  async setBudget(bytes: number): Promise<void> {
    await this.ready
    this.budget = bytes
    await this.evict()
  }

  private async evict(): Promise<void> {
    let excess = this.used - this.budget
    const victims: string[] = []
    for (const [name, bytes] of this.entries) {
      if (excess <= 0) break
      victims.push(name)
      excess -= bytes
    }
    await Promise.all(victims.map((name) => this.forget(name)))
  }

  private remember(name: string, bytes: number): void {
    this.drop(name)
    this.entries.set(name, bytes)
    this.used += bytes
  }

  private drop(name: string): void {
    const bytes = this.entries.get(name)
    if (bytes === undefined) return
    this.entries.delete(name)
    this.used -= bytes
  }

  private async forget(name: string): Promise<void> {
    this.drop(name)
    await rm(this.pathOf(name), { force: true })
  }

  private pathOf(name: string): string {
    return join(this.dir, `${name}${EXTENSION}`)
  }
}
