import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { defaultModelsDir } from '../engine/runtime/models-dir'
import { SessionPool } from '../engine/runtime/session-pool'
import { ContactSheet } from './contact-sheet'
import { ensurePhotoFiles, loadCrops, loadManifest } from './photos/photo-set'
import type { EvalCrop } from './evaluate'
import { cleanCheck, evaluateTask } from './evaluate'
import type { TaskSummary } from './report'
import { markdown, summarise } from './report'
import { EVAL_TASKS } from './tasks'

/**
 * `npm run eval`: Lucid's restoration quality on photos it was not tuned on. Crops of photos from
 * Debian packages (dataset/manifest.json, fetched and checked by SHA-256) are degraded per crop
 * from ranges (degrade/draw.ts), restored by each tool at its defaults, by its bare network and
 * by classical baselines, and scored against the clean crop. Reports the test split by default;
 * `--split dev` is the one to tune on. Writes reports/eval.json, reports/eval.md and a contact
 * sheet PNG per tool.
 */

/**
 * Crops per tool in the default run, so that a full test-split run fits in 30 minutes on two
 * CPU cores: the MAXIM tools take seconds per crop per pass, the upscales a fraction of that.
 * The crops taken are the split's first ones in manifest order (a fixed subsample).
 */
const DEFAULT_LIMITS: Record<string, number> = {
  deblur: 10,
  lowlight: 16,
  denoise: 16,
  'upscale-x4': 40,
  'upscale-x2-x3': 24
}

function positive(text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return n
}

interface Options {
  split: 'dev' | 'test'
  tasks: string
  limit?: number
  clean: number
  sheetRows: number
  out: string
}

async function main(): Promise<void> {
  const options = new Command('eval')
    .addOption(
      new Option('--split <split>', 'which crops').choices(['dev', 'test']).default('test')
    )
    .option('--tasks <ids>', 'comma-separated tools', EVAL_TASKS.map((t) => t.id).join(','))
    .option('--limit <n>', 'crops per tool (default: a per-tool subsample)', positive)
    .option('--clean <n>', 'clean crops per tool for the no-damage check', positive, 6)
    .option('--sheet-rows <n>', 'crops on each contact sheet', positive, 8)
    .option('--out <dir>', 'report folder', 'reports')
    .parse()
    .opts<Options>()
  const wanted = options.tasks.split(',')
  const unknown = wanted.filter((id) => !EVAL_TASKS.some((t) => t.id === id))
  if (unknown.length) throw new InvalidArgumentError(`unknown tasks: ${unknown.join(', ')}`)
  const manifest = await loadManifest()
  const root = await ensurePhotoFiles(manifest)
  const all: EvalCrop[] = await loadCrops(manifest, root, { split: options.split })
  const models = new SessionPool({ modelsDir: defaultModelsDir(), device: { kind: 'cpu' } })
  const out = resolve(options.out)
  await mkdir(out, { recursive: true })
  const summaries: TaskSummary[] = []
  const perCrop: Record<string, unknown> = {}
  for (const task of EVAL_TASKS.filter((t) => wanted.includes(t.id))) {
    const crops = all.slice(0, options.limit ?? DEFAULT_LIMITS[task.id] ?? all.length)
    const sheet = new ContactSheet(options.sheetRows)
    const started = performance.now()
    const results = await evaluateTask(
      task,
      crops,
      models,
      (row) => sheet.add(row),
      (line) => console.error(line)
    )
    const clean = await cleanCheck(task, all.slice(0, options.clean), models)
    const summary = summarise(task, results, clean)
    summaries.push(summary)
    perCrop[task.id] = { results, clean }
    await writeFile(join(out, `eval-${task.id}.png`), await sheet.png(task.title))
    console.error(
      `${task.id}: ${crops.length} crops in ${((performance.now() - started) / 1000).toFixed(0)} s`
    )
  }
  await models.release()
  const table = markdown(options.split, summaries)
  await writeFile(
    join(out, 'eval.json'),
    `${JSON.stringify({ split: options.split, summaries, perCrop }, null, 2)}\n`
  )
  await writeFile(join(out, 'eval.md'), table)
  console.log(table)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
