import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, platform, arch, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { env } from 'onnxruntime-node'
import { readModelManifest } from '../engine/runtime/model-files'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import type { BenchReport, MachineInfo, ModelResult, UpscalerJsRow } from './bench-report'
import { isMeasured } from './bench-report'
import { planModelCases } from './bench-plan'
import type { ModelCase } from './bench-plan'
import { writeCrop } from './bench-photos'
import { runInChild } from './child-runner'
import type { CpuPeak } from './cpu-peak'
import { detectCpuPeak } from './cpu-peak'
import { BATCH_RECIPE, planScenarios, runScenarios } from './e2e-scenarios'
import { modelRow } from './model-row'
import { reportMarkdown } from './report-markdown'
import { evaluateTargets } from './targets'
import { compareWithUpscalerJs } from './upscalerjs-compare'

/** Limits per child: far above a normal run, so only a hang is cut short. */
const MODEL_TIMEOUT_MS = 15 * 60_000
const SESSION_TIMEOUT_MS = 5 * 60_000
const SCENARIO_TIMEOUT_MS = 15 * 60_000

interface BenchOptions {
  readonly quick: boolean
  readonly only?: string[]
  readonly skipUpscalerjs: boolean
  readonly skipE2e: boolean
  readonly out: string
  readonly fmaUnits?: number
  readonly batchRecipe: string
}

/**
 * `npm run bench`: times every model through the app's engine against the CPU's FP32 peak,
 * the end-to-end scenarios of issue #8, and UpscalerJS on the same crops; writes
 * <out>/latest.json and latest.md (and timestamped copies) and prints the Markdown. Not part
 * of `npm test`. See README.md beside this file for what each figure means.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv)
  const startedAt = new Date().toISOString()
  const outDir = resolve(options.out)
  const inputsDir = join(outDir, 'inputs')
  await mkdir(inputsDir, { recursive: true })
  const workDir = await mkdtemp(join(tmpdir(), 'lucid-bench-'))
  const childPath = join(__dirname, 'bench-child.cjs')
  try {
    const cpu = detectCpuPeak(options.fmaUnits === undefined ? {} : { fmaUnits: options.fmaUnits })
    const machine = machineInfo(cpu)
    progress(`Peak FP32: ${cpu.formula}`)
    const manifest = await readModelManifest(defaultModelsDir())
    const { cases, skipped } = planModelCases(manifest.models, {
      quick: options.quick,
      ...(options.only ? { only: options.only } : {})
    })
    for (const s of skipped) progress(`Skipping ${s.modelId}: ${s.reason}`)
    const models: ModelResult[] = []
    for (const [i, modelCase] of cases.entries()) {
      progress(`[${i + 1}/${cases.length}] ${modelCase.modelId} on ${modelCase.side}² crop`)
      models.push(await measureCase(childPath, modelCase, { inputsDir, workDir, cpu }))
    }
    const upscalerjs: UpscalerJsRow[] = []
    if (!options.skipUpscalerjs) {
      for (const row of models.filter(isMeasured)) {
        upscalerjs.push(
          await compareWithUpscalerJs(row, { quick: options.quick, onProgress: progress })
        )
      }
    }
    const e2e = options.skipE2e
      ? []
      : await runScenarios(
          childPath,
          await planScenarios(workDir, options.quick, options.batchRecipe),
          SCENARIO_TIMEOUT_MS,
          (label) => progress(`End to end: ${label}`)
        )
    const report: BenchReport = {
      startedAt,
      finishedAt: new Date().toISOString(),
      quick: options.quick,
      machine,
      models,
      e2e,
      upscalerjs
    }
    const targets = evaluateTargets(report)
    const markdown = reportMarkdown(report, targets)
    const json = JSON.stringify({ ...report, targets }, null, 1)
    const stamp = startedAt.replace(/[:.]/g, '-')
    await writeFile(join(outDir, 'latest.json'), json)
    await writeFile(join(outDir, 'latest.md'), markdown)
    await writeFile(join(outDir, `bench-${stamp}.json`), json)
    await writeFile(join(outDir, `bench-${stamp}.md`), markdown)
    console.log(`\n${markdown}`)
    progress(`Wrote ${join(outDir, 'latest.json')} and latest.md`)
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

/** One model: its crop, its session timings and its timed runs, each in a fresh child. */
async function measureCase(
  childPath: string,
  modelCase: ModelCase,
  context: { readonly inputsDir: string; readonly workDir: string; readonly cpu: CpuPeak }
): Promise<ModelResult> {
  const { modelId } = modelCase
  const manifest = await readModelManifest(defaultModelsDir())
  const entry = manifest.models.find((model) => model.id === modelId)
  if (!entry) return { modelId, error: 'not in the manifest' }
  const inputPng = join(context.inputsDir, `${modelId}-${modelCase.side}.png`)
  await writeCrop(modelCase.photo, modelCase.side, inputPng)
  const scratchDir = join(context.workDir, 'sessions', modelId)
  await mkdir(scratchDir, { recursive: true })
  const sessions = await runInChild(
    childPath,
    { kind: 'sessions', modelId, scratchDir },
    SESSION_TIMEOUT_MS
  )
  await rm(scratchDir, { recursive: true, force: true })
  if (sessions.ok) {
    const s = sessions.value
    progress(
      `  sessions: cold ${s.coldSeconds.toFixed(2)} s, saving ${s.saveOptimizedSeconds.toFixed(2)} s, cached ${s.cachedSeconds.toFixed(2)} s`
    )
  } else {
    progress(`  sessions failed: ${sessions.error.split('\n')[0] ?? ''}`)
  }
  const measured = await runInChild(
    childPath,
    {
      kind: 'model',
      modelId,
      operation: modelCase.operation,
      inputPng,
      warmups: modelCase.warmups,
      runs: modelCase.runs
    },
    MODEL_TIMEOUT_MS
  )
  if (!measured.ok) {
    progress(`  failed: ${measured.error.split('\n')[0] ?? ''}`)
    return { modelId, error: measured.error }
  }
  const row = modelRow(entry, inputPng, measured.value, {
    peakFlops: context.cpu.peakFlops,
    peakRssMiB: measured.maxRssKiB / 1024,
    session: sessions.ok ? sessions.value : null,
    ...(sessions.ok ? {} : { sessionError: sessions.error })
  })
  progress(
    `  best ${row.bestSeconds.toFixed(2)} s, ${row.megapixelsPerSecond.toFixed(3)} MP/s, ` +
      `${row.gflopsPerSecond.toFixed(1)} GFLOP/s (${(row.fractionOfPeak * 100).toFixed(1)}% of peak), ` +
      `peak RSS ${row.peakRssMiB.toFixed(0)} MiB`
  )
  return row
}

function machineInfo(cpu: CpuPeak): MachineInfo {
  return {
    cpu,
    platform: platform(),
    arch: arch(),
    node: process.versions.node,
    onnxruntime: onnxruntimeVersion(),
    totalMemoryGiB: totalmem() / 1024 ** 3,
    loadAverageAtStart: loadavg()[0] ?? 0
  }
}

function onnxruntimeVersion(): string {
  return env.versions.node ?? env.versions.common
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const program = new Command('bench')
    .description('Time Lucid against the CPU peak, end to end, and against UpscalerJS')
    .option('--quick', 'tiny inputs and one run: a smoke test, not figures', false)
    .option('--only <ids...>', 'only these manifest model ids')
    .option('--skip-upscalerjs', 'do not run UpscalerJS side by side', false)
    .option('--skip-e2e', 'do not run the end-to-end scenarios', false)
    .option('--out <dir>', 'report folder', 'reports/bench')
    .option('--fma-units <n>', 'FMA units per core (default: assumed from the ISA)', positive)
    .option('--batch-recipe <recipe>', "the end-to-end batch's recipe", BATCH_RECIPE)
    .parse([...argv], { from: 'user' })
  const opts = program.opts<{
    quick: boolean
    only?: string[]
    skipUpscalerjs: boolean
    skipE2e: boolean
    out: string
    fmaUnits?: number
    batchRecipe: string
  }>()
  return {
    quick: opts.quick,
    skipUpscalerjs: opts.skipUpscalerjs,
    skipE2e: opts.skipE2e,
    out: opts.out,
    batchRecipe: opts.batchRecipe,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.fmaUnits === undefined ? {} : { fmaUnits: opts.fmaUnits })
  }
}

function positive(text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidArgumentError(`Expected positive integer but received ${text}`)
  }
  return value
}

const started = performance.now()

function progress(line: string): void {
  const seconds = Math.round((performance.now() - started) / 1000)
  const stamp = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  console.log(`[${stamp.padStart(6)}] ${line}`)
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  }
)
