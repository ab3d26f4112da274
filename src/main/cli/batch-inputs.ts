import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import type { ExportFormat } from '../../shared/domain/document'
import { extensionFor, formatForPath } from '../engine/encode'

/** Extensions a folder is scanned for (anything else in it is ignored). */
const photoExtensions = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
  '.heif',
  '.gif'
])

/**
 * The photos named on the command line: files as given (whatever their extension, so a bad
 * one is reported rather than skipped), folders expanded to the photos directly inside them,
 * sorted by name; duplicates removed.
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const path = resolve(input)
    const info = await stat(path).catch(() => null)
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) =>
        photoExtensions.has(extname(n).toLowerCase())
      )
      files.push(...names.sort().map((n) => join(path, n)))
    } else {
      files.push(path)
    }
  }
  return [...new Set(files)]
}

export type ExistPolicy = 'unique' | 'skip' | 'overwrite'

/** The output format: the one asked for, else the input's, else PNG (e.g. for GIF or HEIF). */
export function outputFormat(input: string, asked: ExportFormat | undefined): ExportFormat {
  return asked ?? formatForPath(input) ?? 'png'
}

/**
 * The output path for `input` from a template with {name} and {ext}; with the `unique` policy
 * an existing file (or one already planned in this batch) gets " (2)", " (3)", … appended.
 * Returns null when the policy is `skip` and the file exists.
 */
export function outputPath(
  input: string,
  dir: string,
  template: string,
  format: ExportFormat,
  policy: ExistPolicy,
  planned: Set<string>
): string | null {
  const name = basename(input, extname(input))
  const ext = extensionFor(format)
  const fileName = template.replaceAll('{name}', name).replaceAll('{ext}', ext)
  if (fileName.includes('/') || fileName.includes('\\') || fileName.startsWith('.')) {
    throw new Error(`The name template must give a plain file name, not "${fileName}"`)
  }
  let candidate = join(dir, fileName)
  const taken = (p: string): boolean => planned.has(p) || existsSync(p)
  if (taken(candidate)) {
    if (policy === 'skip') return null
    if (policy === 'unique') {
      const stem = fileName.slice(0, fileName.length - extname(fileName).length)
      for (let n = 2; taken(candidate); n++)
        candidate = join(dir, `${stem} (${n})${extname(fileName)}`)
    }
  }
  planned.add(candidate)
  return candidate
}
