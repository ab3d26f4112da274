import { cleanOrphanedTempFiles } from '../engine/orphan-cleanup'
import { TempJournal, journalDir, useTempJournal } from '../engine/temp-journal'
import { lucidDataDir } from '../engine/user-data-dir'

/**
 * The command line's share of crash safety (SECURITY.md): its atomic writes are journaled in
 * the app's data folder, like the app's, and what killed runs of either left behind is deleted
 * before a command starts. Neither may stop a command: a data folder that cannot be created
 * only means that a leftover of a killed run stays (beside its output, named `<output>.<n>`).
 */
export async function journalWritesAndCleanUp(dataDir: string = lucidDataDir()): Promise<void> {
  try {
    useTempJournal(new TempJournal(journalDir(dataDir)))
  } catch {
    return
  }
  await cleanOrphanedTempFiles(dataDir).catch(() => undefined)
}
