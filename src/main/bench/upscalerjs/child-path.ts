import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const CHILD_BUNDLE = 'upscalerjs-child.cjs'

/**
 * The bundled child beside the running bundle (out/tools/upscalerjs-child.cjs). The bundler may
 * put this module in a shared chunk under out/tools/assets/, so the parent folder is looked in
 * too. Returns the first candidate when neither exists, so the caller's error names it.
 */
export function defaultChildPath(moduleDir: string = __dirname): string {
  const own = join(moduleDir, CHILD_BUNDLE)
  const parent = join(dirname(moduleDir), CHILD_BUNDLE)
  return existsSync(own) || !existsSync(parent) ? own : parent
}
