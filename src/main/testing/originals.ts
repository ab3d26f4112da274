import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The input fixtures every suite reads (the model packages' photos, the converter's reference
 * tensors): their SHA-256 before and after a run must match, so no test, and none of the code
 * it drives, ever writes an original.
 */
export const FIXTURE_DIRS = [
  ...['maxim-deblurring', 'maxim-enhancement', 'maxim-denoising'].map((name) =>
    resolve('node_modules/@upscalerjs', name, 'assets')
  ),
  ...['esrgan-slim', 'esrgan-medium', 'esrgan-thick'].map((name) =>
    resolve('node_modules/@upscalerjs', name, 'assets')
  ),
  resolve('src/main/convert/fixtures')
]

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path)
    return entry.isFile() ? [path] : []
  })
}

/** path → SHA-256 of every fixture file. */
export function fixtureHashes(): Map<string, string> {
  const hashes = new Map<string, string>()
  for (const dir of FIXTURE_DIRS) {
    for (const path of files(dir)) {
      hashes.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'))
    }
  }
  return hashes
}

/** The fixtures whose bytes changed, that were added, or that went missing. */
export function changedFixtures(before: Map<string, string>): string[] {
  const after = fixtureHashes()
  const paths = new Set([...before.keys(), ...after.keys()])
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort()
}
