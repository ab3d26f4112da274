import { basename } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { LucidError } from '../../shared/ipc/errors'
import { journalWrite } from './temp-journal'

/**
 * Writes a file atomically: a temporary file beside the target, fsync, then rename, so a crash
 * or a full disk never leaves a half-written image under the target's name. The temporary file
 * is recorded in the process's temp journal (see useTempJournal) from before it exists until
 * the rename, so that after a kill -9 the next start can delete it.
 *
 * @throws LucidError WRITE_FAILED with the reason (permission, disk full, missing folder)
 */
export async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  const journaled = journalWrite(path)
  try {
    await writeFileAtomic(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      fsync: true,
      tmpfileCreated: (temp) => journaled.tempCreated(temp)
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
  } finally {
    // Renamed, or removed by write-file-atomic after a failure: nothing left to clean up.
    journaled.end()
  }
}
