// The fuzz child: runs the cases its parent asks for, one at a time, and reports each. A case
// that crashes or hangs takes this process down with it; the parent notices and starts a new
// one. Bundled to CommonJS (out/tools/fuzz-child.cjs, or on the fly by the tests).
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { LucidError } from '../../../shared/ipc/errors'
import { createEditor } from '../../editor/create'
import { planCase } from './mutators'
import { readChildConfig, send, serveCases } from './protocol'
import { runCase, writeCaseInput } from './run-case'
import { makeSeedImages } from './seed-images'

async function main(): Promise<void> {
  const config = readChildConfig()
  const seeds = await makeSeedImages(config.repoRoot)
  const { documents } = createEditor({
    dataDir: join(config.workDir, `data-${process.pid}`),
    modelsDir: join(config.workDir, 'no-models'),
    workerPath: join(config.workDir, 'no-worker.js'),
    // Opening and exporting never run a model; a job here would be a bug in the fuzzer.
    engineFactory: () => {
      throw new LucidError('INTERNAL', 'the fuzzer runs no restoration jobs')
    }
  })
  send({ type: 'ready', seeds: seeds.map((seed) => seed.name) })

  serveCases(async (index) => {
    const fuzzCase = planCase(seeds, config.runSeed, index)
    const { seed, mutator, detail } = fuzzCase
    send({ type: 'start', case: index, seed, mutator, detail, bytes: fuzzCase.bytes.length })
    const fault = config.inject?.[String(index)]
    const started = performance.now()
    const caseDir = join(config.workDir, 'cases', String(index))
    const input = await writeCaseInput(fuzzCase, caseDir)
    plantProcessFault(fault)
    const report = await runCase(fuzzCase, input, {
      caseDir,
      documents,
      ...((fault === 'throw' || fault === 'leak') && { fault })
    })
    const passed =
      report.problems.length === 0 && report.stages.every((stage) => stage.outcome !== 'untyped')
    // A failing case's input stays for the parent to keep; the parent removes the rest.
    if (passed) await rm(caseDir, { recursive: true, force: true })
    send({
      type: 'result',
      case: index,
      ...report,
      ms: Math.round(performance.now() - started),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
    })
  })
}

/** Faults only a process can have (tests only): a hang, an abort, runaway memory. */
function plantProcessFault(fault: string | undefined): void {
  if (fault === 'abort') process.abort()
  if (fault === 'hang') for (;;);
  if (fault === 'grow') {
    const hoard: Buffer[] = []
    for (;;) hoard.push(Buffer.alloc(64 * 1024 * 1024, 1))
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz child failed to start: ${String(error)}\n`)
  process.exit(2)
})
