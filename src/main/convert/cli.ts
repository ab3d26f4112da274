import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { generateModels } from './generate'
import { targets } from './targets'

/**
 * `node out/tools/convert-models.cjs [--force] [--write-manifest] [--only ID…]`: generates
 * resources/models/*.onnx from the installed @upscalerjs packages. Run by postinstall (only what
 * is missing or stale) and by `npm run models` (everything, and rewrites the manifest).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      force: { type: 'boolean', default: false },
      'write-manifest': { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      dir: { type: 'string', default: 'resources/models' }
    }
  })
  const selected = values.only ? targets.filter((t) => values.only?.includes(t.source.id)) : targets
  const tty = process.stdout.isTTY
  const bar = new SingleBar({ format: 'models [{bar}] {value}/{total} {model}', hideCursor: true })
  const started = Date.now()
  await generateModels({
    modelsDir: resolve(values.dir),
    targets: selected,
    force: values.force,
    writeManifest: values['write-manifest'],
    manifestTargets: targets,
    onProgress: (event) => {
      if (event.kind === 'start') {
        console.log(
          `Lucid models: ${event.toGenerate} of ${event.total} to generate in ${values.dir}`
        )
        if (tty && event.toGenerate > 0) bar.start(event.total, 0, { model: '' })
        return
      }
      if (tty && bar.isActive) bar.update(event.index + 1, { model: event.id })
      else if (event.status === 'generated')
        console.log(
          `  [${event.index + 1}/${selected.length}] ${event.id} (${event.seconds.toFixed(1)} s)`
        )
    }
  }).finally(() => bar.stop())
  console.log(`Lucid models: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

main().catch((error: unknown) => {
  console.error(`\nLucid models: ${(error as Error).message}`)
  process.exit(1)
})
