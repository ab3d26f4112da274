import { realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a URL path onto a file inside `root`, or null when it would leave it: `..` segments,
 * percent-encoded dots or slashes, absolute paths, NUL bytes and symlinks pointing outside are
 * all refused. `/` maps to index.html.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relativePath = decoded.replace(/^\/+/, '') || 'index.html'
  const rootReal = await realpath(root).catch(() => null)
  if (rootReal === null) return null
  const candidate = resolve(rootReal, relativePath)
  if (!isInside(rootReal, candidate)) return null
  try {
    const real = await realpath(candidate)
    if (!isInside(rootReal, real)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}
