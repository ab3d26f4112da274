import { createHash } from 'node:crypto'
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { StepSchema } from '../../shared/domain/document'
import type { Step } from '../../shared/domain/document'
import type { Mask } from '../../shared/domain/mask'
import { MaskSchema } from '../../shared/domain/mask'
import { writeFileAtomically } from '../engine/atomic-write'

/** How long changes gather before history.json is written: well inside a second. */
export const SAVE_DELAY_MS = 200

/** Which file a history belongs to: the original as it was when it was edited. */
export interface SourceFingerprint {
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
}

export interface SavedHistory {
  readonly steps: readonly Step[]
  readonly cursor: number
  /** The masks of the masked steps, by step id. */
  readonly masks: ReadonlyMap<string, Mask>
}

const HistoryFileSchema = z
  .object({
    version: z.literal(1),
    source: z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() }),
    steps: z.array(StepSchema),
    cursor: z.number().int().nonnegative()
  })
  .refine((file) => file.cursor <= file.steps.length, 'cursor past the last step')
  .refine((file) => new Set(file.steps.map((s) => s.id)).size === file.steps.length, 'step ids')
type HistoryFile = z.infer<typeof HistoryFileSchema>

/** A mask as stored: points flattened and rounded, so a long stroke takes a few kilobytes. */
const StoredMaskSchema = z.object({
  inverted: z.boolean(),
  strokes: z.array(
    z.object({
      mode: z.enum(['paint', 'erase']),
      size: z.number(),
      hardness: z.number(),
      opacity: z.number(),
      points: z.array(z.number())
    })
  )
})

/** A step id is a uuid: safe as a file name. */
const STEP_ID = /^[0-9a-f-]{36}$/

/**
 * Each photo's edit history on disk, so reopening a photo brings its steps back:
 * `<dataDir>/history/<key>/history.json` (steps and cursor), `masks/<stepId>.json` (a masked
 * step's brush strokes) and `thumbs/<stepId>.png` (the history panel's thumbnails). The key is
 * a hash of the original's real path, size and modification time, so an edited or replaced
 * original starts a fresh history. Saves are debounced and atomic; unreadable or inconsistent
 * files are ignored (the photo starts with an empty history), never fatal.
 */
export class HistoryStore {
  private readonly dir: string
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly pending = new Map<string, () => HistoryFile>()
  private readonly writes = new Map<string, Promise<void>>()
  /** Steps dropped while a save was pending: their files go once a save no longer names them. */
  private readonly discarded = new Map<string, Set<string>>()

  /**
   * @param dataDir the app's data folder; histories go in its `history` subfolder
   * @param log told about files that could not be written (the edit itself goes on)
   */
  constructor(
    dataDir: string,
    private readonly log: (message: string, error: unknown) => void = () => undefined
  ) {
    this.dir = join(dataDir, 'history')
  }

  /** The history key and fingerprint of an original. */
  static async identify(path: string): Promise<{ key: string; source: SourceFingerprint }> {
    const real = await realpath(path)
    const info = await stat(real)
    const source = { path: real, size: info.size, mtimeMs: info.mtimeMs }
    const key = createHash('sha256')
      .update(JSON.stringify([source.path, source.size, source.mtimeMs]))
      .digest('hex')
    return { key, source }
  }

  /** The saved history of a photo; null when there is none or it cannot be trusted. */
  async load(key: string, source: SourceFingerprint): Promise<SavedHistory | null> {
    try {
      const json: unknown = JSON.parse(await readFile(join(this.dir, key, 'history.json'), 'utf8'))
      const file = HistoryFileSchema.parse(json)
      if (file.source.path !== source.path || file.source.size !== source.size) return null
      if (file.source.mtimeMs !== source.mtimeMs) return null
      if (!file.steps.every((step) => STEP_ID.test(step.id))) return null
      const masks = new Map<string, Mask>()
      for (const step of file.steps.filter((s) => s.masked)) {
        const mask = await this.readMask(key, step.id)
        if (!mask) return null
        masks.set(step.id, mask)
      }
      return { steps: file.steps, cursor: file.cursor, masks }
    } catch {
      return null
    }
  }

  /**
   * Writes history.json within SAVE_DELAY_MS, taking the snapshot then (so quick changes make
   * one write).
   */
  schedule(
    key: string,
    source: SourceFingerprint,
    snapshot: () => { steps: readonly Step[]; cursor: number }
  ): void {
    this.pending.set(key, () => {
      const { steps, cursor } = snapshot()
      return { version: 1, source, steps: [...steps], cursor }
    })
    if (this.timers.has(key)) return
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key)
        void this.save(key)
      }, SAVE_DELAY_MS)
    )
  }

  /** Writes every scheduled save now and waits for all writes. */
  async flush(): Promise<void> {
    for (const [key, timer] of this.timers) {
      clearTimeout(timer)
      this.timers.delete(key)
      void this.save(key)
    }
    await Promise.all(this.writes.values())
  }

  /** Stores a masked step's strokes (before the history that names the step is saved). */
  async writeMask(key: string, stepId: string, mask: Mask): Promise<void> {
    const stored: z.infer<typeof StoredMaskSchema> = {
      inverted: mask.inverted,
      strokes: mask.strokes.map((s) => ({
        mode: s.mode,
        size: s.size,
        hardness: s.hardness,
        opacity: s.opacity,
        points: s.points.flatMap(([x, y]) => [round(x), round(y)])
      }))
    }
    await mkdir(join(this.dir, key, 'masks'), { recursive: true })
    await writeFileAtomically(
      join(this.dir, key, 'masks', `${stepId}.json`),
      Buffer.from(JSON.stringify(stored))
    )
  }

  /** Stores a step's thumbnail (PNG); a failure is logged, not raised. */
  async writeThumb(key: string, stepId: string, png: Buffer): Promise<void> {
    try {
      await mkdir(join(this.dir, key, 'thumbs'), { recursive: true })
      await writeFileAtomically(join(this.dir, key, 'thumbs', `${stepId}.png`), png)
    } catch (error) {
      this.log('Could not save a history thumbnail', error)
    }
  }

  /** A step's thumbnail, or null when it has none. */
  async readThumb(key: string, stepId: string): Promise<Buffer | null> {
    if (!STEP_ID.test(stepId)) return null
    return readFile(join(this.dir, key, 'thumbs', `${stepId}.png`)).catch(() => null)
  }

  /**
   * Deletes the masks and thumbnails of steps that were dropped (a discarded redo branch). Call
   * it after scheduling the save of the history that drops them: while that save is pending,
   * history.json on disk still names the steps, and a crash before it is written must not
   * leave a history whose masks are gone (load would reject it whole), so the files are
   * deleted only once a saved history no longer names them.
   */
  async discard(key: string, stepIds: readonly string[]): Promise<void> {
    const ids = stepIds.filter((id) => STEP_ID.test(id))
    if (this.pending.has(key) || this.writes.has(key)) {
      const later = this.discarded.get(key) ?? new Set<string>()
      for (const id of ids) later.add(id)
      this.discarded.set(key, later)
      return
    }
    await this.deleteStepFiles(key, ids)
  }

  /** Forgets a photo's history entirely (a dropped copy, whose path never comes back). */
  async remove(key: string): Promise<void> {
    const timer = this.timers.get(key)
    if (timer) clearTimeout(timer)
    this.timers.delete(key)
    this.pending.delete(key)
    this.discarded.delete(key)
    await this.writes.get(key)
    await rm(join(this.dir, key), { recursive: true, force: true })
  }

  /** After a save: deletes the files of discarded steps that the saved history does not name. */
  private async deleteDiscarded(key: string, saved: readonly Step[]): Promise<void> {
    const later = this.discarded.get(key)
    if (!later) return
    const named = new Set(saved.map((step) => step.id))
    const gone = [...later].filter((id) => !named.has(id))
    for (const id of gone) later.delete(id)
    if (later.size === 0) this.discarded.delete(key)
    await this.deleteStepFiles(key, gone)
  }

  private async deleteStepFiles(key: string, stepIds: readonly string[]): Promise<void> {
    await Promise.all(
      stepIds.flatMap((id) => [
        rm(join(this.dir, key, 'masks', `${id}.json`), { force: true }),
        rm(join(this.dir, key, 'thumbs', `${id}.png`), { force: true })
      ])
    )
  }

  private async readMask(key: string, stepId: string): Promise<Mask | null> {
    try {
      const json: unknown = JSON.parse(
        await readFile(join(this.dir, key, 'masks', `${stepId}.json`), 'utf8')
      )
      const stored = StoredMaskSchema.parse(json)
      const parsed = MaskSchema.safeParse({
        inverted: stored.inverted,
        strokes: stored.strokes.map(({ points, ...stroke }) => ({
          ...stroke,
          points: Array.from({ length: points.length / 2 }, (_, i) => [
            points[2 * i],
            points[2 * i + 1]
          ])
        }))
      })
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  /** One write per key at a time, in order; each takes the newest snapshot. */
  private save(key: string): Promise<void> {
    const previous = this.writes.get(key) ?? Promise.resolve()
    const next = previous.then(async () => {
      const snapshot = this.pending.get(key)
      if (!snapshot) return
      this.pending.delete(key)
      try {
        await mkdir(join(this.dir, key), { recursive: true })
        const file = snapshot()
        await writeFileAtomically(
          join(this.dir, key, 'history.json'),
          Buffer.from(JSON.stringify(file))
        )
        await this.deleteDiscarded(key, file.steps)
      } catch (error) {
        this.log('Could not save the edit history', error)
      }
    })
    this.writes.set(key, next)
    void next.then(() => {
      if (this.writes.get(key) === next) this.writes.delete(key)
    })
    return next
  }
}

/** Two decimals: a hundredth of a pixel is far below what a brush can show. */
function round(value: number): number {
  return Math.round(value * 100) / 100
}
