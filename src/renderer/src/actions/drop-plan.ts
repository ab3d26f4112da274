import { isPhotoName } from '../../../shared/domain/gallery'

/**
 * What a drop does, decided from what was dropped (pure, so each rule has a test). Paths are
 * known in Electron and unknown in a browser, where only the bytes of files (not folders) come.
 */
export interface Dropped {
  readonly name: string
  /** The absolute path, where the transport knows it. */
  readonly path: string | null
  readonly isDirectory: boolean
}

/** At most this many files go to enhance:bytes in one drop (the contract's limit). */
export const MAX_ENHANCE_BYTES_FILES = 50

export type OpenPlan =
  /** One photo: the editor opens the dropped file at `index`. */
  | { readonly kind: 'editor'; readonly index: number; readonly note?: string }
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'files'; readonly paths: readonly string[] }
  | { readonly kind: 'nothing'; readonly message: string }

export function planOpen(dropped: readonly Dropped[]): OpenPlan {
  const first = dropped[0]
  if (!first) return { kind: 'nothing', message: 'Nothing was dropped' }
  const folders = dropped.filter((d) => d.isDirectory)
  const photos = dropped.flatMap((d, index) =>
    !d.isDirectory && isPhotoName(d.name) ? [index] : []
  )
  if (dropped.length === 1 && !first.isDirectory) return { kind: 'editor', index: 0 }
  if (photos.length === 0) {
    const folder = folders[0]
    if (folder?.path) return { kind: 'folder', path: folder.path }
    if (folder) {
      return {
        kind: 'nothing',
        message: 'Folders can be dropped in the desktop app; use Open folder… here'
      }
    }
    return { kind: 'nothing', message: 'None of the dropped files is a photo' }
  }
  if (photos.length === 1) return { kind: 'editor', index: photos[0] ?? 0 }
  const paths = photos.map((i) => dropped[i]?.path ?? null)
  if (paths.every((p): p is string => p !== null && p !== '')) return { kind: 'files', paths }
  return {
    kind: 'editor',
    index: photos[0] ?? 0,
    note: 'Opened the first photo: a gallery of dropped photos needs the desktop app'
  }
}

export type EnhancePlan =
  /** Electron: main reads the files and writes the results beside them. */
  | { readonly kind: 'paths'; readonly paths: readonly string[] }
  /** A browser: the bytes of the dropped files at `indices` go to main with an output folder. */
  | { readonly kind: 'bytes'; readonly indices: readonly number[]; readonly note?: string }
  | { readonly kind: 'nothing'; readonly message: string }

export function planEnhance(dropped: readonly Dropped[]): EnhancePlan {
  const photos = dropped.flatMap((d, index) =>
    !d.isDirectory && isPhotoName(d.name) ? [index] : []
  )
  if (photos.length === 0) {
    return {
      kind: 'nothing',
      message: dropped.some((d) => d.isDirectory)
        ? 'Drop photos, not folders, to enhance them (open a folder to batch it)'
        : 'None of the dropped files is a photo'
    }
  }
  const paths = photos.map((i) => dropped[i]?.path ?? null)
  if (paths.every((p): p is string => p !== null && p !== '')) return { kind: 'paths', paths }
  if (photos.length <= MAX_ENHANCE_BYTES_FILES) return { kind: 'bytes', indices: photos }
  return {
    kind: 'bytes',
    indices: photos.slice(0, MAX_ENHANCE_BYTES_FILES),
    note: `Only the first ${MAX_ENHANCE_BYTES_FILES} photos are enhanced from one drop`
  }
}
