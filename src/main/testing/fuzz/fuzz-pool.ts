import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CaseEnd } from './child-session'
import { ChildSession } from './child-session'
import type { InjectedFault, StageOutcome } from './protocol'

/** What became of a case: every stage succeeded or threw a typed error ('passed'), or not. */
export type Verdict = 'passed' | 'untyped' | 'bad-output' | 'crash' | 'hang'

export interface CaseRecord {
  readonly case: number
  readonly verdict: Verdict
  readonly seed?: string
  readonly mutator?: string
  readonly detail?: string
  readonly stages: readonly StageOutcome[]
  /** Untyped errors, output problems, or why the child died. */
  readonly problems: readonly string[]
  /** Wall time the parent saw, start-up of a replacement child not included. */
  readonly ms: number
  readonly peakRssMb?: number
}

export interface FuzzRunOptions {
  /** The bundled fuzz child (CommonJS). */
  readonly childPath: string
  readonly repoRoot: string
  readonly runSeed: number
  /** Case numbers [first, first + cases). */
  readonly first?: number
  readonly cases: number
  /** A case with no result in this time is a hang. */
  readonly timeoutMs: number
  /** Children running cases side by side; default 1. */
  readonly jobs?: number
  readonly maxRssMb?: number
  readonly maxHeapMb?: number
  /** Where the inputs of failing cases are copied (case-<n>-input-<seed>); default: not kept. */
  readonly failuresDir?: string
  /** Planted faults by case number (tests of the harness). */
  readonly inject?: Readonly<Record<number, InjectedFault>>
  readonly onRecord?: (record: CaseRecord) => void
}

const STARTUP_TIMEOUT_MS = 60_000

/**
 * Runs fuzz cases in child processes, each case under a timeout. A child that dies (signal,
 * exit, memory cap) or stops answering costs only its current case, recorded as a crash or a
 * hang; a new child picks up at the next case. The scratch folder goes when the run is over.
 *
 * @returns one record per case, in case order
 * @throws Error when a child cannot start at all (seeds or bundle broken)
 */
export async function runFuzz(options: FuzzRunOptions): Promise<CaseRecord[]> {
  const first = options.first ?? 0
  const workDir = await mkdtemp(join(tmpdir(), 'lucid-fuzz-'))
  const records: CaseRecord[] = []
  let nextCase = first
  let childCount = 0

  const startChild = async (): Promise<ChildSession> => {
    const tmpDir = join(workDir, `tmp-${childCount++}`)
    await mkdir(tmpDir, { recursive: true })
    const session = new ChildSession({
      childPath: options.childPath,
      tmpDir,
      maxHeapMb: options.maxHeapMb ?? 1024,
      maxRssMb: options.maxRssMb ?? 3072,
      config: {
        runSeed: options.runSeed,
        workDir,
        repoRoot: options.repoRoot,
        ...(options.inject && { inject: stringKeys(options.inject) })
      }
    })
    try {
      await session.ready(STARTUP_TIMEOUT_MS)
    } catch (error) {
      await session.close()
      throw error
    }
    return session
  }

  const worker = async (): Promise<void> => {
    let session = await startChild()
    try {
      while (nextCase < first + options.cases) {
        const index = nextCase++
        const started = performance.now()
        const end = await session.run(index, options.timeoutMs)
        const record = recordOf(index, end, performance.now() - started)
        await keepAndClean(join(workDir, 'cases', String(index)), record, options.failuresDir)
        records.push(record)
        options.onRecord?.(record)
        if (end.kind !== 'result') {
          await session.close()
          session = await startChild()
        }
      }
    } finally {
      await session.close()
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, () => worker()))
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
  return records.sort((a, b) => a.case - b.case)
}

function recordOf(index: number, end: CaseEnd, ms: number): CaseRecord {
  const about = end.start
    ? { seed: end.start.seed, mutator: end.start.mutator, detail: end.start.detail }
    : {}
  if (end.kind !== 'result') {
    return {
      case: index,
      verdict: end.kind,
      ...about,
      stages: [],
      problems: [end.reason],
      ms: Math.round(ms)
    }
  }
  const { stages, problems, peakRssMb } = end.result
  const untyped = stages.flatMap((s) =>
    s.outcome === 'untyped' ? [`${s.stage}: untyped error: ${s.message}`] : []
  )
  const verdict: Verdict =
    untyped.length > 0 ? 'untyped' : problems.length > 0 ? 'bad-output' : 'passed'
  return {
    case: index,
    verdict,
    ...about,
    stages,
    problems: [...untyped, ...problems],
    ms: Math.round(ms),
    peakRssMb
  }
}

/** Copies a failing case's input where asked, then removes the case's files. */
async function keepAndClean(
  caseDir: string,
  record: CaseRecord,
  failuresDir: string | undefined
): Promise<void> {
  if (record.verdict !== 'passed' && failuresDir) {
    const names = await readdir(caseDir).catch(() => [])
    await mkdir(failuresDir, { recursive: true })
    for (const name of names.filter((n) => n.startsWith('input-'))) {
      await copyFile(join(caseDir, name), join(failuresDir, `case-${record.case}-${name}`))
    }
  }
  await rm(caseDir, { recursive: true, force: true })
}

function stringKeys<T>(record: Readonly<Record<number, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record))
}
