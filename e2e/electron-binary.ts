import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

/**
 * The Electron executable, if installed. Reads electron's path.txt rather than calling
 * require('electron'), which would try to download the binary (and hang or fail offline).
 */
export function electronBinary(): { path: string } | { missing: string } {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(__filename).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline install)'
    }
  }
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(executable) ? { path: executable } : { missing: `${executable} does not exist` }
}
