import { basename } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { LucidError } from '../../shared/ipc/errors'

/**
 * Writes a file atomically: a temporary file beside the target, fsync, then rename, so a crash
 * or a full disk never leaves a half-written image under the target's name.
 *
 * @throws LucidError WRITE_FAILED with the reason (permission, disk full, missing folder)
 */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      fsync: true
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOENT'
            ? 'the folder does not exist'
            : (error as Error).message
    throw new LucidError('WRITE_FAILED', `Could not write ${basename(path)}: ${reason}`, {
      cause: error
    })
  }
}
