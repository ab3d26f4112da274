import { lstat, readFile, readdir, realpath, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { JOURNAL_NAME, isOwnJournal, journalDir, openWrites } from './temp-journal'

/**
 * What a temporary file beside its target is called: write-file-atomic's `<target>.<uint32>`
 * and the result cache's `<target>.<12 hex>.tmp` (raw-file.ts).
 */
const TEMP_SUFFIX = /\.(?:\d+|[0-9a-f]{12}\.tmp)$/

/** Leftovers worth a scan inside the data folder: temporaries of Lucid's own kinds of file. */
const DATA_LEFTOVER = /^[\w-]+\.(?:json|png|jpg)\.\d+$|^[\w-]+\.raw\.[0-9a-f]{12}\.tmp$/

export interface TempCleanup {
  /** The temporary files deleted. */
  readonly removed: readonly string[]
  /** Journals of dead processes, deleted once their files were. */
  readonly journals: number
}

interface Journal {
  readonly path: string
  readonly pid: number
}

/**
 * Deletes the temporary files that killed processes left behind: those their journals list
 * (anywhere: an export's sits in the person's own folder) and, as a fallback for records that
 * never reached the disk, leftovers of Lucid's own files inside the data folder. Never deletes
 * a file that a live process's journal claims (the app and the CLI may share a data folder),
 * nor anything not named like a temporary file of its target. Errors are swallowed file by
 * file: a leftover that cannot be deleted now is tried again at the next start.
 *
 * The order matters: candidates are listed before the live journals are read, so a write that
 * starts during the clean-up either is claimed already or creates its file too late to be a
 * candidate (a journal records `begin` before the temporary file exists).
 */
export async function cleanOrphanedTempFiles(dataDir: string): Promise<TempCleanup> {
  const dir = journalDir(dataDir)
  const dead = (await listJournals(dir)).filter((journal) => !isLive(journal))
  const recorded: string[] = []
  const candidates = await dataDirLeftovers(dataDir)
  for (const journal of dead) {
    const text = await readFile(journal.path, 'utf8').catch(() => '')
    for (const write of openWrites(text).values()) {
      if (write.temp) {
        if (await isTempOf(write.temp, write.target)) recorded.push(write.temp)
      } else {
        // Killed between `begin` and the temporary file's record: the file, if it exists, is
        // still empty (data is written after the record).
        candidates.push(...(await emptyTempsOf(write.target)))
      }
    }
  }
  const claims = await liveClaims(dir, new Set(dead.map((journal) => journal.path)))
  const removed: string[] = []
  for (const path of new Set([...recorded, ...candidates])) {
    if (claims.temps.has(path) || claims.targets.has(path.replace(TEMP_SUFFIX, ''))) continue
    if (await removeFile(path)) removed.push(path)
  }
  await Promise.all(dead.map((journal) => rm(journal.path, { force: true }).catch(() => null)))
  return { removed, journals: dead.length }
}

async function listJournals(dir: string): Promise<Journal[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.flatMap((name) => {
    const pid = JOURNAL_NAME.exec(name)?.[1]
    return pid ? [{ path: join(dir, name), pid: Number(pid) }] : []
  })
}

/**
 * Whether a journal's writer may still be running. A journal with this process's pid that this
 * process did not open is an earlier process's (the pid was reused), so it is dead.
 */
function isLive(journal: Journal): boolean {
  if (isOwnJournal(journal.path)) return true
  if (journal.pid === process.pid) return false
  try {
    process.kill(journal.pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** The temporaries and targets that live processes have in flight. */
async function liveClaims(
  dir: string,
  dead: ReadonlySet<string>
): Promise<{ temps: Set<string>; targets: Set<string> }> {
  const temps = new Set<string>()
  const targets = new Set<string>()
  for (const journal of await listJournals(dir)) {
    if (dead.has(journal.path)) continue
    const text = await readFile(journal.path, 'utf8').catch(() => '')
    for (const write of openWrites(text).values()) {
      targets.add(write.target)
      targets.add(await realpath(write.target).catch(() => write.target))
      if (write.temp) temps.add(write.temp)
    }
  }
  return { temps, targets }
}

/**
 * Whether `temp` is named as a temporary file of `target` (or of its real path: write-file-
 * atomic writes beside the file a link points to). A journal is only data: a record naming
 * any other file is ignored.
 */
async function isTempOf(temp: string, target: string): Promise<boolean> {
  if (!TEMP_SUFFIX.test(temp)) return false
  const stem = temp.replace(TEMP_SUFFIX, '')
  return stem === target || stem === (await realpath(target).catch(() => target))
}

/** Empty files named `<target>.<digits>` beside a target (or its real path). */
async function emptyTempsOf(target: string): Promise<string[]> {
  const stems = new Set([target, await realpath(target).catch(() => target)])
  const found: string[] = []
  for (const stem of stems) {
    const prefix = `${basename(stem)}.`
    for (const name of await readdir(dirname(stem)).catch(() => [] as string[])) {
      if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue
      const info = await lstat(join(dirname(stem), name)).catch(() => null)
      if (info?.isFile() && info.size === 0) found.push(join(dirname(stem), name))
    }
  }
  return found
}

/**
 * Leftover temporaries of the data folder's own files: settings and presets at the top, each
 * history's file, masks and thumbnails, the result cache and the gallery's thumbnails. Only
 * those folders: in the app the data folder is Electron's userData, full of Chromium's files.
 */
async function dataDirLeftovers(dataDir: string): Promise<string[]> {
  const folders = [dataDir, join(dataDir, 'thumbnails')]
  for (const key of await subfolders(join(dataDir, 'history'))) {
    folders.push(key, join(key, 'masks'), join(key, 'thumbs'))
  }
  folders.push(...(await subfolders(join(dataDir, 'cache'))))
  const found: string[] = []
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (DATA_LEFTOVER.test(name)) found.push(join(folder, name))
    }
  }
  return found
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name))
}

/** Deletes a regular file (never a folder or what a link points to); whether it did. */
async function removeFile(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null)
  if (!info?.isFile() && !info?.isSymbolicLink()) return false
  return rm(path, { force: true }).then(
    () => true,
    () => false
  )
}
