import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { cleanOrphanedTempFiles } from './orphan-cleanup'
import { journalDir } from './temp-journal'

/** The pid of a process that has exited (so kill(pid, 0) says ESRCH). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

/** A journal as a process would have left it: `writes` begun, with their temporaries. */
async function leaveJournal(
  dataDir: string,
  pid: number,
  writes: { target: string; temp?: string; ended?: boolean }[]
): Promise<string> {
  const lines = writes.flatMap((write, id) => [
    JSON.stringify({ op: 'begin', id, target: write.target }),
    ...(write.temp ? [JSON.stringify({ op: 'temp', id, path: write.temp })] : []),
    ...(write.ended ? [JSON.stringify({ op: 'end', id })] : [])
  ])
  await mkdir(journalDir(dataDir), { recursive: true })
  const path = join(journalDir(dataDir), `${pid}-0123456789abcdef.log`)
  await writeFile(path, lines.join('\n') + '\n')
  return path
}

describe('cleanOrphanedTempFiles', () => {
  it("deletes a dead process's temporaries anywhere, and its journal", async () => {
    const dataDir = await tempDir()
    const exports = await tempDir()
    const temp = join(exports, 'photo.png.2891234')
    await writeFile(temp, 'half a png')
    const journal = await leaveJournal(dataDir, deadPid(), [
      { target: join(exports, 'photo.png'), temp }
    ])
    const result = await cleanOrphanedTempFiles(dataDir)
    expect(result).toEqual({ removed: [temp], journals: 1 })
    expect(existsSync(temp)).toBe(false)
    expect(existsSync(journal)).toBe(false)
  })

  it("keeps a live process's temporaries and journal", async () => {
    const dataDir = await tempDir()
    const exports = await tempDir()
    const temp = join(exports, 'photo.png.77')
    await writeFile(temp, 'being written')
    // This process's parent is alive for as long as this test runs.
    const journal = await leaveJournal(dataDir, process.ppid, [
      { target: join(exports, 'photo.png'), temp }
    ])
    expect(await cleanOrphanedTempFiles(dataDir)).toEqual({ removed: [], journals: 0 })
    expect(existsSync(temp)).toBe(true)
    expect(existsSync(journal)).toBe(true)
  })

  it('never deletes a file that is not named as a temporary of its recorded target', async () => {
    const dataDir = await tempDir()
    const exports = await tempDir()
    const unrelated = [
      join(exports, 'photo.png'),
      join(exports, 'holiday.jpg'),
      join(exports, 'photo.png.bak'),
      join(exports, 'other.png.123')
    ]
    for (const path of unrelated) await writeFile(path, 'keep me')
    await leaveJournal(dataDir, deadPid(), [
      { target: join(exports, 'photo.png'), temp: join(exports, 'photo.png') },
      { target: join(exports, 'photo.png'), temp: join(exports, 'holiday.jpg') },
      { target: join(exports, 'photo.png'), temp: join(exports, 'photo.png.bak') },
      { target: join(exports, 'photo.png'), temp: join(exports, 'other.png.123') }
    ])
    expect((await cleanOrphanedTempFiles(dataDir)).removed).toEqual([])
    for (const path of unrelated) expect(existsSync(path)).toBe(true)
  })

  it('leaves the temporaries of writes that ended alone', async () => {
    const dataDir = await tempDir()
    const exports = await tempDir()
    // A same-named file that appeared after the write ended is not the dead process's.
    const temp = join(exports, 'photo.png.5')
    await writeFile(temp, 'someone else')
    await leaveJournal(dataDir, deadPid(), [
      { target: join(exports, 'photo.png'), temp, ended: true }
    ])
    expect((await cleanOrphanedTempFiles(dataDir)).removed).toEqual([])
    expect(existsSync(temp)).toBe(true)
  })

  it('deletes the empty temporary of a write killed before its record was made', async () => {
    const dataDir = await tempDir()
    const exports = await tempDir()
    const empty = join(exports, 'photo.png.31337')
    const full = join(exports, 'photo.png.42')
    await writeFile(empty, '')
    await writeFile(full, 'data: not the unrecorded one, which is still empty')
    await leaveJournal(dataDir, deadPid(), [{ target: join(exports, 'photo.png') }])
    expect((await cleanOrphanedTempFiles(dataDir)).removed).toEqual([empty])
    expect(existsSync(full)).toBe(true)
  })

  it("scans the data folder's own folders for leftovers, sparing unrelated files", async () => {
    const dataDir = await tempDir()
    const key = join(dataDir, 'history', 'a'.repeat(64))
    await mkdir(join(key, 'masks'), { recursive: true })
    await mkdir(join(key, 'thumbs'), { recursive: true })
    await mkdir(join(dataDir, 'cache', 'k'), { recursive: true })
    await mkdir(join(dataDir, 'Local Storage'), { recursive: true })
    const step = '00000000-0000-4000-8000-00000000000a'
    const leftovers = [
      join(dataDir, 'settings.json.12345'),
      join(key, 'history.json.4000000000'),
      join(key, 'masks', `${step}.json.1`),
      join(key, 'thumbs', `${step}.png.99`),
      join(dataDir, 'cache', 'k', `${step}.raw.0123456789ab.tmp`)
    ]
    const kept = [
      join(dataDir, 'settings.json'),
      join(key, 'history.json'),
      join(dataDir, 'Local Storage', 'data.json.1'),
      join(dataDir, 'Preferences'),
      join(dataDir, '000003.log')
    ]
    for (const path of [...leftovers, ...kept]) await writeFile(path, 'x')
    const result = await cleanOrphanedTempFiles(dataDir)
    expect([...result.removed].sort()).toEqual([...leftovers].sort())
    for (const path of kept) expect(existsSync(path)).toBe(true)
  })

  it('spares a data-folder leftover whose target a live process is writing', async () => {
    const dataDir = await tempDir()
    const temp = join(dataDir, 'settings.json.777')
    await writeFile(temp, '')
    await leaveJournal(dataDir, process.ppid, [{ target: join(dataDir, 'settings.json') }])
    expect((await cleanOrphanedTempFiles(dataDir)).removed).toEqual([])
    expect(await readdir(dataDir)).toContain('settings.json.777')
  })

  it("takes a journal with this process's pid that it did not open for a dead one's", async () => {
    const dataDir = await tempDir()
    const temp = join(dataDir, 'settings.json.1')
    await writeFile(temp, 'x')
    await leaveJournal(dataDir, process.pid, [{ target: join(dataDir, 'settings.json'), temp }])
    expect(await cleanOrphanedTempFiles(dataDir)).toEqual({ removed: [temp], journals: 1 })
  })

  it('does nothing for a data folder without journals', async () => {
    expect(await cleanOrphanedTempFiles(join(await tempDir(), 'missing'))).toEqual({
      removed: [],
      journals: 0
    })
  })
})
