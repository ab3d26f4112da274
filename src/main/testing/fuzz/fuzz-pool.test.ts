import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestWorker } from '../../engine/worker/test-worker/build-test-worker'
import { tempDir } from '../images'
import { runFuzz } from './fuzz-pool'

const repoRoot = resolve(__dirname, '../../../..')
let childPath: string

beforeAll(async () => {
  childPath = await buildTestWorker(join(__dirname, 'fuzz-child.ts'))
}, 120_000)

afterAll(async () => {
  if (childPath) await rm(dirname(childPath), { recursive: true, force: true })
})

async function fuzzDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('lucid-fuzz-'))
}

describe('runFuzz', () => {
  it('records a hang, an abort, runaway memory, an untyped error and a leftover file, and goes on', async () => {
    const failuresDir = await tempDir()
    const before = await fuzzDirs()
    const records = await runFuzz({
      childPath,
      repoRoot,
      runSeed: 7,
      cases: 7,
      timeoutMs: 3000,
      maxRssMb: 800,
      failuresDir,
      inject: { 1: 'hang', 2: 'abort', 3: 'throw', 4: 'leak', 5: 'grow' }
    })

    expect(records.map((r) => r.verdict)).toEqual([
      'passed',
      'hang',
      'crash',
      'untyped',
      'bad-output',
      'crash',
      'passed'
    ])
    const [, hang, abort, untyped, leak, grow] = records
    expect(hang?.problems[0]).toMatch(/no result within 3000 ms/)
    expect(abort?.problems[0]).toMatch(/SIGABRT/)
    // The start line went out before the child died: the crash is known by seed and mutator.
    expect(abort?.seed).toBeTypeOf('string')
    expect(abort?.mutator).toBeTypeOf('string')
    expect(untyped?.problems[0]).toMatch(/^open: untyped error: Error: injected/)
    expect(leak?.problems).toEqual(['temporary files left behind: injected-leftover'])
    expect(grow?.problems[0]).toMatch(/resident memory \d+ MB passed the 800 MB cap/)
    // Each failing case's input is kept to replay; the scratch folder is gone.
    expect((await readdir(failuresDir)).map((name) => name.split('-input-')[0]).sort()).toEqual([
      'case-1',
      'case-2',
      'case-3',
      'case-4',
      'case-5'
    ])
    expect(await fuzzDirs()).toEqual(before)
  }, 120_000)

  it('makes the same case from the same seed, whichever child runs it', async () => {
    const once = await runFuzz({
      childPath,
      repoRoot,
      runSeed: 3,
      first: 40,
      cases: 3,
      timeoutMs: 20_000
    })
    const again = await runFuzz({
      childPath,
      repoRoot,
      runSeed: 3,
      first: 40,
      cases: 3,
      timeoutMs: 20_000,
      jobs: 2
    })
    const about = (r: (typeof once)[number]): unknown => [
      r.case,
      r.seed,
      r.mutator,
      r.detail,
      r.stages
    ]
    expect(again.map(about)).toEqual(once.map(about))
  }, 120_000)
})
