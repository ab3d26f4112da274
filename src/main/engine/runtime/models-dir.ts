import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { LucidError } from '../../../shared/ipc/errors'

const MODELS_SUBDIR = join('resources', 'models')

/**
 * The repository's `resources/models`, found by walking up from this file's folder and then
 * from the working directory. Works from the sources (vitest), from a bundled `out/` file (the
 * CLI, the bridge) and from a script run anywhere inside the checkout. The packaged app passes
 * its own directory under `process.resourcesPath` instead.
 *
 * @throws LucidError MODEL_MISSING when no ancestor holds `resources/models/manifest.json`
 */
export function defaultModelsDir(
  startDirs: readonly string[] = [moduleDir(), process.cwd()].filter(isString)
): string {
  for (const start of startDirs) {
    const found = findUpwards(resolve(start))
    if (found) return found
  }
  throw new LucidError(
    'MODEL_MISSING',
    `Could not find ${join(MODELS_SUBDIR, 'manifest.json')} above ${startDirs.join(' or ')}`
  )
}

function findUpwards(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, MODELS_SUBDIR)
    if (existsSync(join(candidate, 'manifest.json'))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

/** `__dirname` exists in CommonJS bundles and under vitest; an ES module bundle has none. */
function moduleDir(): string | undefined {
  return typeof __dirname === 'string' ? __dirname : undefined
}

function isString(value: string | undefined): value is string {
  return value !== undefined
}
