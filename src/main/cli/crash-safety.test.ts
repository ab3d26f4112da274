import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { journalWrite, useTempJournal } from '../engine/temp-journal'
import { journalWritesAndCleanUp } from './crash-safety'

let dir = ''

afterEach(async () => {
  useTempJournal(null)
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('journalWritesAndCleanUp', () => {
  it('journals the writes that follow in the data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lucid-cli-journal-'))
    await journalWritesAndCleanUp(dir)
    const write = journalWrite(join(dir, 'out.png'))
    write.tempCreated(join(dir, 'out.png.123'))
    const [journal] = await readdir(join(dir, 'temp-journal'))
    const text = await readFile(join(dir, 'temp-journal', journal ?? ''), 'utf8')
    expect(text).toContain('"op":"begin"')
    expect(text).toContain('out.png.123')
    write.end()
  })

  it('never stops a command when the data folder cannot be made', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lucid-cli-journal-'))
    const file = join(dir, 'not-a-folder')
    await writeFile(file, '')
    await expect(journalWritesAndCleanUp(join(file, 'data'))).resolves.toBeUndefined()
    // Writes then simply go unjournaled.
    expect(() => journalWrite(join(dir, 'x.png')).end()).not.toThrow()
  })
})
