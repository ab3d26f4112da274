import { createHash } from 'node:crypto'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import fastq from 'fastq'
import type { ErrorCode } from '../../shared/ipc/errors'
import { LucidError } from '../../shared/ipc/errors'
import { writeFileAtomically } from '../engine/atomic-write'
import { CacheIndex } from './cache-index'
import { makeThumbnail } from './make-thumbnail'

/** The file a thumbnail is made from, as the folder scan saw it. */
export interface ThumbnailSource {
  readonly path: string
  readonly bytes: number
  readonly mtimeMs: number
}

/** `visible` requests jump ahead of every `background` one. */
export type ThumbnailPriority = 'visible' | 'background'

export interface ThumbnailRequestOptions {
  /** Default `visible`. */
  readonly priority?: ThumbnailPriority
  /** Aborting drops this request (CANCELLED); the work is skipped if no one else waits. */
  readonly signal?: AbortSignal
}

export interface ThumbnailCacheOptions {
  /** The folder thumbnails are kept in (created on demand). */
  readonly cacheDir: string
  /** Byte budget of the folder; least recently used thumbnails go first. Default 500 MiB. */
  readonly maxBytes?: number
  /** Thumbnails made at once. Default 2: each already runs on several libvips threads. */
  readonly concurrency?: number
  /** Makes one thumbnail (tests count or slow it). Default makeThumbnail. */
  readonly make?: (path: string) => Promise<Buffer>
  readonly log?: (message: string, error: unknown) => void
}

export const DEFAULT_CACHE_BYTES = 500 * 1024 * 1024

/** How many failures are remembered, so scrolling past a broken photo does not re-decode it. */
const REMEMBERED_FAILURES = 10_000

const LASTING_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_LARGE'
])

interface Job {
  readonly key: string
  readonly source: ThumbnailSource
  /** Waiting for a slot, being made, or finished or abandoned (out of the map). */
  state: 'queued' | 'running' | 'dropped'
  readonly waiting: Record<ThumbnailPriority, number>
  /** The thumbnail when it was made; null when it is on disk. */
  readonly result: Promise<Buffer | null>
  resolve(jpeg: Buffer | null): void
  reject(error: unknown): void
}

/** A queue entry: a job, in the lane of the request that put it there. */
interface Ticket {
  readonly job: Job
  readonly lane: ThumbnailPriority
}

/** The cache file name of a thumbnail: a hash of the path, size and modification time. */
export function thumbnailKey(source: ThumbnailSource): string {
  return createHash('sha256')
    .update(`${source.path}|${source.bytes}|${source.mtimeMs}`)
    .digest('hex')
}

/**
 * Gallery thumbnails, made in the background and kept on disk as `<cacheDir>/<key>.jpg`, keyed
 * by path, size and modification time, so a changed photo gets a new thumbnail and the old one
 * ages out. Hits are read from disk without decoding; misses wait in a bounded queue where
 * visible requests jump ahead. Identical requests share one job; a request can be cancelled,
 * and a queued job nobody waits for any more is skipped. A photo that cannot be made into a
 * thumbnail fails alone, with a typed LucidError, remembered so it is not decoded again.
 */
export class ThumbnailCache {
  private readonly jobs = new Map<string, Job>()
  private readonly failures = new Map<string, LucidError>()
  private readonly queue: fastq.queueAsPromised<Ticket, void>
  private readonly index: CacheIndex
  private readonly make: (path: string) => Promise<Buffer>
  private readonly log: (message: string, error: unknown) => void
  private folderMade: Promise<unknown> | null = null
  private counts = { hits: 0, made: 0, failed: 0 }

  constructor(private readonly options: ThumbnailCacheOptions) {
    this.make = options.make ?? makeThumbnail
    this.log = options.log ?? (() => undefined)
    this.index = new CacheIndex(options.cacheDir, options.maxBytes ?? DEFAULT_CACHE_BYTES, this.log)
    this.queue = fastq.promise((ticket: Ticket) => this.work(ticket), options.concurrency ?? 2)
  }

  /**
   * A photo's thumbnail (JPEG): from the disk cache, or made in its turn.
   *
   * @throws LucidError CANCELLED when the signal aborts first; FILE_NOT_FOUND,
   *   UNSUPPORTED_FORMAT, IMAGE_TOO_LARGE or CORRUPT_IMAGE when the photo cannot be read
   */
  async request(source: ThumbnailSource, options: ThumbnailRequestOptions = {}): Promise<Buffer> {
    const key = thumbnailKey(source)
    // A thumbnail evicted between the check and the read (rare) is simply made again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const made = await this.join(source, options, attempt === 0)
      if (made) return made
      const cached = await this.readCached(key)
      if (cached) return cached
      this.index.forget(`${key}.jpg`)
    }
    throw new LucidError('INTERNAL', 'A thumbnail kept disappearing from the cache')
  }

  /**
   * As request, for a caller who only needs to know the thumbnail is ready (a background
   * prefetch): a hit is an existence check, so thousands of them hold no bytes in memory.
   *
   * @throws LucidError as request
   */
  async ensure(source: ThumbnailSource, options: ThumbnailRequestOptions = {}): Promise<void> {
    await this.join(source, options)
  }

  /**
   * Waits on the job for a source, starting one if need be; null means "on disk". Every call
   * passes the same `ready` promise, so requests reach the queue in the order they were made.
   */
  private async join(
    source: ThumbnailSource,
    options: ThumbnailRequestOptions,
    lookOnDisk = true
  ): Promise<Buffer | null> {
    const { priority = 'visible', signal } = options
    await this.index.ready()
    if (signal?.aborted) throw cancelled()
    const key = thumbnailKey(source)
    const failure = this.failures.get(key)
    if (failure) throw failure
    let job = this.jobs.get(key)
    if (!job) {
      const file = `${key}.jpg`
      if (lookOnDisk && this.index.has(file)) {
        this.counts.hits++
        this.index.touched(file)
        return null
      }
      job = this.start(key, source)
    }
    job.waiting[priority]++
    if (job.state === 'queued') this.enqueue(job, priority)
    if (!signal) return job.result
    let onAbort = (): void => undefined
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.leave(job, priority)
        reject(cancelled())
      }
    })
    signal.addEventListener('abort', onAbort, { once: true })
    try {
      return await Promise.race([job.result, aborted])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Hits, thumbnails made and failures so far (for tests and diagnostics). */
  stats(): { hits: number; made: number; failed: number } {
    return { ...this.counts }
  }

  /** The bytes the cache folder holds. */
  cacheBytes(): Promise<number> {
    return this.index.size()
  }

  /** Resolves when every queued and running thumbnail is done. */
  async idle(): Promise<void> {
    while (this.jobs.size > 0 || !this.queue.idle()) {
      await Promise.allSettled([...this.jobs.values()].map((job) => job.result))
      await this.queue.drained()
    }
  }

  private start(key: string, source: ThumbnailSource): Job {
    let resolve!: (jpeg: Buffer | null) => void
    let reject!: (error: unknown) => void
    const result = new Promise<Buffer | null>((yes, no) => {
      resolve = yes
      reject = no
    })
    // Every waiter attaches its own handlers; this one keeps a dropped job from being reported.
    result.catch(() => undefined)
    const job: Job = {
      key,
      source,
      state: 'queued',
      waiting: { visible: 0, background: 0 },
      result,
      resolve,
      reject
    }
    this.jobs.set(key, job)
    return job
  }

  private enqueue(job: Job, lane: ThumbnailPriority): void {
    const ticket = { job, lane }
    void (lane === 'visible' ? this.queue.unshift(ticket) : this.queue.push(ticket))
  }

  /** One waiter gives up; a job no one waits for is dropped unless it is already running. */
  private leave(job: Job, lane: ThumbnailPriority): void {
    job.waiting[lane]--
    if (job.waiting.visible + job.waiting.background > 0) return
    if (job.state === 'queued') this.finish(job)
  }

  private finish(job: Job): void {
    job.state = 'dropped'
    if (this.jobs.get(job.key) === job) this.jobs.delete(job.key)
  }

  /**
   * The queue's worker. A ticket is stale when its job has started or been dropped, or when
   * everyone who asked in its lane has gone (a visible request scrolled away falls back to
   * its background ticket, if any). Never throws: the job carries the outcome.
   */
  private async work(ticket: Ticket): Promise<void> {
    const { job, lane } = ticket
    if (job.state !== 'queued' || job.waiting[lane] === 0) return
    job.state = 'running'
    try {
      const jpeg = await this.produce(job)
      this.counts.made++
      job.resolve(jpeg)
    } catch (error) {
      this.counts.failed++
      this.remember(job.key, error)
      job.reject(error)
    } finally {
      this.finish(job)
    }
  }

  private async produce(job: Job): Promise<Buffer> {
    const { source } = job
    const jpeg = await this.make(source.path)
    // Stored only if the file is still the one the key names; otherwise the next scan's key
    // will ask again, and a thumbnail of newer pixels never hides under an older key.
    const now = await stat(source.path).catch(() => null)
    if (now && now.size === source.bytes && now.mtimeMs === source.mtimeMs) {
      await this.store(job.key, jpeg)
    }
    return jpeg
  }

  private readCached(key: string): Promise<Buffer | null> {
    return readFile(join(this.options.cacheDir, `${key}.jpg`)).catch(() => null)
  }

  /** Writes a thumbnail atomically; a failure (disk full) costs the cache, not the thumbnail. */
  private async store(key: string, jpeg: Buffer): Promise<void> {
    const file = `${key}.jpg`
    try {
      this.folderMade ??= mkdir(this.options.cacheDir, { recursive: true })
      await this.folderMade
      await writeFileAtomically(join(this.options.cacheDir, file), jpeg)
      await this.index.added(file, jpeg.length)
    } catch (error) {
      this.folderMade = null
      this.log('Could not cache a thumbnail', error)
    }
  }

  /** Only a verdict on the bytes is kept: a permission problem may be fixed without a change. */
  private remember(key: string, error: unknown): void {
    if (!(error instanceof LucidError) || !LASTING_FAILURES.has(error.code)) return
    if (this.failures.size >= REMEMBERED_FAILURES) {
      const oldest = this.failures.keys().next()
      if (!oldest.done) this.failures.delete(oldest.value)
    }
    this.failures.set(key, error)
  }
}

function cancelled(): LucidError {
  return new LucidError('CANCELLED', 'The thumbnail is no longer needed')
}
