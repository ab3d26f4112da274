import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdirSync, truncateSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * A per-process journal of the temporary files that atomic writes have in flight, so that the
 * next start can delete what a killed process left behind (a kill -9 runs no exit handler).
 *
 * The journal is `<dataDir>/temp-journal/<pid>-<nonce>.log`, one JSON record per line:
 * `begin` (the target, written before the temporary file can exist), `temp` (its path, as soon
 * as it is known) and `end` (renamed or removed). Records are appended synchronously: once the
 * call returns the kernel has them, so a kill at any later instant cannot lose them. They are
 * not fsynced (that would double the cost of every save); after a power cut the leftover scan
 * of the data folder (see orphan-cleanup.ts) is the fallback. The nonce tells this process's
 * journal from one left by an earlier process that had the same pid.
 */

export type JournalRecord =
  | { readonly op: 'begin'; readonly id: number; readonly target: string }
  | { readonly op: 'temp'; readonly id: number; readonly path: string }
  | { readonly op: 'end'; readonly id: number }

/** A journal file's name: the writer's pid and a nonce. */
export const JOURNAL_NAME = /^(\d+)-[0-9a-f]{8,32}\.log$/

/** The journal folder of a data folder. */
export function journalDir(dataDir: string): string {
  return join(dataDir, 'temp-journal')
}

/** One write in flight: tell the journal its temporary file, then that it is over. */
export interface JournaledWrite {
  tempCreated(path: string): void
  end(): void
}

/** Journal files that this process writes (never taken for a dead process's). */
const ownJournals = new Set<string>()

export function isOwnJournal(path: string): boolean {
  return ownJournals.has(resolve(path))
}

export class TempJournal {
  /** The journal file (created on the first write). */
  readonly path: string
  private nextId = 1
  private inFlight = 0

  /** @param dir the journal folder (created now, so that records can be appended at once) */
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true })
    this.path = resolve(dir, `${process.pid}-${randomBytes(8).toString('hex')}.log`)
    ownJournals.add(this.path)
  }

  /**
   * Records that a write to `target` starts; call before the temporary file is created.
   * Journal failures (a removed folder, a full disk) never fail the write: they only cost the
   * clean-up of this one write after a crash.
   */
  begin(target: string): JournaledWrite {
    const id = this.nextId++
    this.inFlight += 1
    this.append({ op: 'begin', id, target: resolve(target) })
    let ended = false
    return {
      tempCreated: (path) => this.append({ op: 'temp', id, path: resolve(path) }),
      end: () => {
        if (ended) return
        ended = true
        this.append({ op: 'end', id })
        this.inFlight -= 1
        // Nothing in flight: the records are all closed, so the file can start over empty.
        if (this.inFlight === 0) this.truncate()
      }
    }
  }

  private append(record: JournalRecord): void {
    try {
      appendFileSync(this.path, `${JSON.stringify(record)}\n`)
    } catch {
      // See begin: a lost record only means a leftover that is not cleaned up.
    }
  }

  private truncate(): void {
    try {
      truncateSync(this.path, 0)
    } catch {
      // Missing (nothing was ever appended) or unwritable: the records stay, all closed.
    }
  }
}

/** The writes a journal's text shows begun and not ended, by id. */
export function openWrites(text: string): Map<number, { target: string; temp?: string }> {
  const writes = new Map<number, { target: string; temp?: string }>()
  for (const line of text.split('\n')) {
    const record = parseRecord(line)
    if (!record) continue
    if (record.op === 'begin') writes.set(record.id, { target: record.target })
    else if (record.op === 'end') writes.delete(record.id)
    else {
      const write = writes.get(record.id)
      if (write) write.temp = record.path
    }
  }
  return writes
}

/** A record, or null for a torn or foreign line (the journal is read, never trusted blindly). */
function parseRecord(line: string): JournalRecord | null {
  if (!line.trim()) return null
  try {
    const value = JSON.parse(line) as Record<string, unknown>
    const { op, id } = value
    if (typeof id !== 'number' || !Number.isInteger(id)) return null
    if (op === 'begin' && typeof value.target === 'string') {
      return { op, id, target: value.target }
    }
    if (op === 'temp' && typeof value.path === 'string') return { op, id, path: value.path }
    if (op === 'end') return { op, id }
    return null
  } catch {
    return null
  }
}

let current: TempJournal | null = null

/**
 * Makes `journal` the one that writeFileAtomically and the result cache record their
 * temporary files in (null: none). Set once at start by createCore; with several cores in one
 * process (tests) the last one's journal takes the records, which is enough: a journal is only
 * ever read after its process is dead.
 */
export function useTempJournal(journal: TempJournal | null): void {
  current = journal
}

/** Starts journaling a write in the current journal; a no-op when none is set. */
export function journalWrite(target: string): JournaledWrite {
  return current?.begin(target) ?? { tempCreated: () => undefined, end: () => undefined }
}
