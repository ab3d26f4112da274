import { access, realpath } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { LucidError } from '../../../shared/ipc/errors'

/**
 * Refuses a write target that is one of the originals, also when reached through a symlink or
 * a relative path, and (unless `overwrite`) a target that already exists.
 *
 * The existence check runs before the atomic write, not inside it: a file created in between
 * would be replaced. That window is accepted for a desktop app; originals are checked by real
 * path and are never at risk.
 *
 * @throws LucidError WOULD_OVERWRITE_ORIGINAL for an original, WRITE_FAILED for an existing
 *   file when `overwrite` is not set
 */
export async function assertWritableTarget(
  target: string,
  protectedPaths: readonly string[],
  overwrite: boolean
): Promise<void> {
  const targetReal = await canonical(target)
  for (const original of protectedPaths) {
    if ((await canonical(original)) === targetReal) {
      throw new LucidError(
        'WOULD_OVERWRITE_ORIGINAL',
        `Lucid never overwrites an original: choose another name than ${basename(target)}`
      )
    }
  }
  if (!overwrite && (await exists(target))) {
    throw new LucidError(
      'WRITE_FAILED',
      `${basename(target)} already exists; choose another name or allow overwriting`
    )
  }
}

/** The real path of a file, or its resolved path when it does not exist yet. */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return resolve(path)
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
