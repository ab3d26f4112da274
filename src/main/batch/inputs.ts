import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isPhotoName } from '../../shared/domain/gallery'

export { isPhotoName }

/**
 * The photos a batch was given, as absolute paths: files as given (whatever their extension,
 * so a bad one is reported rather than silently left out), folders expanded to the photos
 * directly inside them (not their subfolders), sorted by name; duplicates removed, first
 * occurrence kept.
 *
 * @param inputs files and folders, relative to the current folder or absolute
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const path = resolve(input)
    const info = await stat(path).catch(() => null)
    if (info?.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true })
      const names = entries
        .filter((e) => !e.isDirectory() && isPhotoName(e.name))
        .map((e) => e.name)
      files.push(...names.sort().map((name) => join(path, name)))
    } else {
      files.push(path)
    }
  }
  return [...new Set(files)]
}
