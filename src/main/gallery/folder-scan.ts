import type { Dirent, Stats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { compareNames, isPhotoName } from '../../shared/domain/gallery'
import { LucidError } from '../../shared/ipc/errors'
import { mapBounded } from './bounded-map'

/** One photo found in a folder, with what `stat` said about it. */
export interface ScannedPhoto {
  readonly path: string
  readonly name: string
  readonly bytes: number
  readonly mtimeMs: number
}

export interface FolderScan {
  /** The folder, as an absolute path. */
  readonly folder: string
  /** The photos in natural name order. */
  readonly photos: readonly ScannedPhoto[]
  /** Entries with a photo's name that could not be read (dangling link, no permission). */
  readonly skipped: number
}

/** `stat`s in flight at once: enough to keep libuv's pool busy on a network share. */
const STAT_CONCURRENCY = 64

export { isPhotoName }

/**
 * Lists a folder's photos, not recursing: files whose extension is a photo's (any case), hidden
 * files left out, each `stat`ed (size, modification time) with bounded concurrency.
 *
 * Symbolic links are followed when they lead to a regular file, wherever it lives: the person
 * chose the folder and the link in it, the gallery only reads, and the renderer only ever sees
 * item ids, so a link out of the folder reveals nothing it could not already open. Links to
 * folders, dangling links and unreadable entries are counted in `skipped`; folders, devices,
 * sockets and FIFOs named like photos are not photos and are left out silently (reading a FIFO
 * would block).
 *
 * @throws LucidError FILE_NOT_FOUND when the folder is missing or unreadable, INVALID_ARGUMENT
 *   when the path is not a folder
 */
export async function scanFolder(folderPath: string): Promise<FolderScan> {
  const folder = resolve(folderPath)
  const entries = await listFolder(folder)
  const candidates = entries.filter(
    (entry) => (entry.isFile() || entry.isSymbolicLink()) && isPhotoName(entry.name)
  )
  const stats = await mapBounded(candidates, STAT_CONCURRENCY, (entry) =>
    stat(join(folder, entry.name)).then(
      (info): Stats | null => (info.isFile() ? info : null),
      () => null
    )
  )
  const photos: ScannedPhoto[] = []
  candidates.forEach((entry, i) => {
    const info = stats[i]
    if (info) {
      photos.push({
        path: join(folder, entry.name),
        name: entry.name,
        bytes: info.size,
        mtimeMs: info.mtimeMs
      })
    }
  })
  photos.sort((a, b) => compareNames(a.name, b.name))
  return { folder, photos, skipped: candidates.length - photos.length }
}

/**
 * The photos among files the person picked or dropped together (not a folder): each path
 * `stat`ed like a folder's entry, duplicates dropped, natural name order. A path that is not a
 * readable regular file with a photo's name is counted in `skipped` (the person chose it, so
 * leaving it out silently would hide a mistake). `folder` is the photos' common folder when they
 * share one, else the empty string.
 */
export async function scanFiles(paths: readonly string[]): Promise<FolderScan> {
  const unique = [...new Set(paths.map((path) => resolve(path)))]
  const stats = await mapBounded(unique, STAT_CONCURRENCY, (path) =>
    isPhotoName(basename(path))
      ? stat(path).then(
          (info): Stats | null => (info.isFile() ? info : null),
          () => null
        )
      : Promise.resolve(null)
  )
  const photos: ScannedPhoto[] = []
  unique.forEach((path, i) => {
    const info = stats[i]
    if (info) photos.push({ path, name: basename(path), bytes: info.size, mtimeMs: info.mtimeMs })
  })
  photos.sort((a, b) => compareNames(a.name, b.name))
  const folders = new Set(photos.map((photo) => dirname(photo.path)))
  const folder = folders.size === 1 ? ([...folders][0] ?? '') : ''
  return { folder, photos, skipped: unique.length - photos.length }
}

async function listFolder(folder: string): Promise<Dirent[]> {
  const name = basename(folder) || folder
  let info: Stats
  try {
    info = await stat(folder)
  } catch (error) {
    throw unreadable(name, error)
  }
  if (!info.isDirectory()) throw new LucidError('INVALID_ARGUMENT', `${name} is not a folder`)
  try {
    return await readdir(folder, { withFileTypes: true })
  } catch (error) {
    throw unreadable(name, error)
  }
}

function unreadable(name: string, error: unknown): LucidError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'EACCES' || code === 'EPERM' ? 'could not be read: permission denied' : 'was not found'
  return new LucidError('FILE_NOT_FOUND', `The folder ${name} ${reason}`, { cause: error })
}
