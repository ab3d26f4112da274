import { existsSync, readFileSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/images'
import { writeFileAtomically } from './atomic-write'
import {
  JOURNAL_NAME,
  TempJournal,
  isOwnJournal,
  journalDir,
  openWrites,
  useTempJournal
} from './temp-journal'

afterEach(() => useTempJournal(null))

describe('TempJournal', () => {
  it('names its file after the pid and knows it as its own', async () => {
    const journal = new TempJournal(journalDir(await tempDir()))
    const name = basename(journal.path)
    expect(name).toMatch(JOURNAL_NAME)
    expect(JOURNAL_NAME.exec(name)?.[1]).toBe(String(process.pid))
    expect(isOwnJournal(journal.path)).toBe(true)
  })

  it('keeps a write open from begin to end, and empties the file when nothing is in flight', async () => {
    const dir = await tempDir()
    const journal = new TempJournal(journalDir(dir))
    const first = journal.begin(join(dir, 'a.png'))
    first.tempCreated(join(dir, 'a.png.123'))
    const second = journal.begin(join(dir, 'b.png'))
    const open = openWrites(readFileSync(journal.path, 'utf8'))
    expect([...open.values()]).toEqual([
      { target: join(dir, 'a.png'), temp: join(dir, 'a.png.123') },
      { target: join(dir, 'b.png') }
    ])
    first.end()
    expect([...openWrites(readFileSync(journal.path, 'utf8')).values()]).toEqual([
      { target: join(dir, 'b.png') }
    ])
    second.end()
    expect(readFileSync(journal.path, 'utf8')).toBe('')
  })

  it('reads past torn and foreign lines', () => {
    const text = [
      '{"op":"begin","id":1,"target":"/x/a.png"}',
      'not json',
      '{"op":"temp","id":1,"path":"/x/a.png.7"}',
      '{"op":"begin","id":"2","target":"/x/b.png"}',
      '{"op":"begin","id":3,"tar'
    ].join('\n')
    expect([...openWrites(text).values()]).toEqual([{ target: '/x/a.png', temp: '/x/a.png.7' }])
  })

  it('survives its folder being removed (the write goes on, unjournaled)', async () => {
    const dir = await tempDir()
    const journal = new TempJournal(join(dir, 'gone', 'temp-journal'))
    await rm(join(dir, 'gone'), { recursive: true })
    const write = journal.begin(join(dir, 'a.png'))
    expect(() => write.tempCreated(join(dir, 'a.png.1'))).not.toThrow()
    expect(() => write.end()).not.toThrow()
  })
})

describe('writeFileAtomically with a journal', () => {
  it('records the temporary file write-file-atomic creates, then closes the record', async () => {
    const dir = await tempDir()
    const journal = new TempJournal(journalDir(dir))
    useTempJournal(journal)
    const target = join(dir, 'out.json')
    const seen: string[] = []
    const watching = (async (): Promise<void> => {
      // The record must be there while the write is in flight: poll the journal meanwhile.
      for (let i = 0; i < 50 && seen.length === 0; i++) {
        if (existsSync(journal.path)) {
          const open = [...openWrites(readFileSync(journal.path, 'utf8')).values()]
          seen.push(...open.map((write) => write.target))
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await writeFileAtomically(target, Buffer.from('{"ok":true}'))
    await watching
    expect(seen).toContain(target)
    expect(readFileSync(journal.path, 'utf8')).toBe('')
    expect(await readdir(dir)).toEqual(['out.json', 'temp-journal'])
  })

  it('records the temporary file as <target>.<digits>', async () => {
    const dir = await tempDir()
    const journal = new TempJournal(journalDir(dir))
    useTempJournal(journal)
    const records: string[] = []
    const original = journal.begin.bind(journal)
    journal.begin = (target) => {
      const write = original(target)
      return {
        tempCreated: (path) => {
          records.push(path)
          write.tempCreated(path)
        },
        end: () => write.end()
      }
    }
    await writeFileAtomically(join(dir, 'out.json'), Buffer.from('{}'))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatch(
      new RegExp(`^${join(dir, 'out.json').replace(/\./g, '\\.')}\\.\\d+$`)
    )
  })
})
